import type { Kysely } from 'kysely';
import type { Logger } from '../../observability/logger.js';
import type { Database } from '../../store/schema.js';
import type { SecretBox } from '../secret-box.js';
import type { CaptureRecord } from './capture-record.js';

/**
 * Captured requests at rest: one row per request, the whole record sealed with the provider-key
 * encryption key (AES-256-GCM), so a database dump shows neither prompts nor answers. Writes
 * happen after the answer was sent and never fail a request; their failures are logged without
 * any of the captured content.
 */
export class CaptureStore {
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly box: SecretBox,
    private readonly logger: Logger,
  ) {}

  /** Captures can be kept only when there is a key to seal them with. */
  get available(): boolean {
    return this.box.configured;
  }

  save(accountId: string, requestId: string, record: CaptureRecord): void {
    const write = this.insert(accountId, requestId, record)
      .catch((error: unknown) => {
        this.logger.warn(
          { requestId, err: error instanceof Error ? error.message : String(error) },
          'request capture could not be written',
        );
      })
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** Resolves once every capture saved so far is written (read-your-writes for the usage API). */
  async settled(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** The request's capture, unless there is none or it is past its retention (swept or not yet). */
  async read(accountId: string, requestId: string, now = new Date()): Promise<CaptureRecord | undefined> {
    const row = await this.db
      .selectFrom('request_captures')
      .select('sealed')
      .where('account_id', '=', accountId)
      .where('request_id', '=', requestId)
      .where('expires_at', '>', now.toISOString())
      .executeTakeFirst();
    return row ? (JSON.parse(this.box.open(row.sealed)) as CaptureRecord) : undefined;
  }

  /** Deletes captures past their retention; returns how many. */
  async sweep(now = new Date()): Promise<number> {
    const result = await this.db
      .deleteFrom('request_captures')
      .where('expires_at', '<=', now.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async insert(accountId: string, requestId: string, record: CaptureRecord): Promise<void> {
    await this.db
      .insertInto('request_captures')
      .values({
        request_id: requestId,
        account_id: accountId,
        sealed: this.box.seal(JSON.stringify(record)),
        created_at: record.capturedAt,
        expires_at: record.expiresAt,
      })
      .execute();
  }
}

/** Deletes expired captures every minute on every instance (idempotent: a row is deleted once). */
export class CaptureSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: CaptureStore,
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async sweep(now = new Date()): Promise<number> {
    try {
      const deleted = await this.store.sweep(now);
      if (deleted > 0) this.logger.info({ deleted }, 'expired request captures deleted');
      return deleted;
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.message : String(error) },
        'request capture sweep failed',
      );
      return 0;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
