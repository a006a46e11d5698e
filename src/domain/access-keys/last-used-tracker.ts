/**
 * Collects "key X was used at T" in memory and writes it in the background, so that
 * authentication never waits on a write. At most `intervalMs` of lastUsed is lost on a crash.
 */
export class LastUsedTracker {
  private pending = new Map<string, string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (entries: ReadonlyMap<string, string>) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 2_000,
  ) {}

  markUsed(id: string): void {
    this.pending.set(id, new Date().toISOString());
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    try {
      await this.write(batch);
    } catch (error) {
      this.onError(error);
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }
}
