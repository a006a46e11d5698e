/**
 * Collects "key X was used at T" in memory and writes it in the background, so that
 * authentication never waits on a write. At most `intervalMs` of lastUsed is lost on a crash.
 */
export class LastUsedTracker {
  /** Epoch milliseconds: formatting a date on every request would cost more than the rest of this. */
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly write: (entries: ReadonlyMap<string, string>) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs = 2_000,
  ) {}

  markUsed(id: string): void {
    this.pending.set(id, Date.now());
  }

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = new Map([...this.pending].map(([id, time]) => [id, new Date(time).toISOString()]));
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
