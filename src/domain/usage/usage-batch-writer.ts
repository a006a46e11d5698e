import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database, NewUsageEvent } from '../../store/schema.js';

/** Rows per statement: SQLite allows 32,766 bound values, a usage event has 32 columns. */
const maxBatch = 500;

/** Waits before each new try of a batch that failed: a database restart or failover takes seconds. */
const defaultRetryDelaysMs = [100, 1_000, 5_000];

type WriteBatch = (rows: NewUsageEvent[]) => Promise<void>;

/**
 * Background writer for usage events that move no money (no cost, no credit hold). An event is
 * queued as its answer is sent, and the events queued in one turn of the event loop are written
 * together in that turn's check phase (setImmediate), in one statement (one transaction). By then
 * the answers have been handed to the sockets: the write costs the clients no latency, and no
 * timer wakes the process for it.
 *
 * Events that charge or settle credits never come here: they commit with their ledger entries
 * before their answer (UsageRecorder). A process killed outright can lose the events of its last
 * turn, as it loses the requests it was serving; a graceful stop waits for them.
 */
export class UsageBatchWriter {
  private pending: NewUsageEvent[] = [];
  /** The writes queued so far, in order; settled() waits on it. */
  private tail: Promise<void> = Promise.resolve();
  private readonly writeBatch: WriteBatch;

  constructor(
    db: Kysely<Database>,
    sqlite: SqliteDatabase.Database | undefined,
    private readonly onLost: (error: unknown, events: number) => void,
    private readonly retryDelaysMs: readonly number[] = defaultRetryDelaysMs,
  ) {
    this.writeBatch = sqlite ? sqliteBatchWriter(sqlite) : kyselyBatchWriter(db);
  }

  enqueue(row: NewUsageEvent): void {
    this.pending.push(row);
    if (this.pending.length === 1) setImmediate(() => this.flush());
  }

  /** Resolves once every event enqueued before the call is written (or given up on and reported). */
  settled(): Promise<void> {
    if (this.pending.length > 0) this.flush();
    return this.tail;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    // The chain must outlive any failure, or every later event would wait behind it forever.
    this.tail = this.tail.then(() => this.writeAll(batch)).catch(() => {});
  }

  private async writeAll(batch: NewUsageEvent[]): Promise<void> {
    for (let start = 0; start < batch.length; start += maxBatch) {
      await this.writeWithRetries(batch.slice(start, start + maxBatch));
    }
  }

  private async writeWithRetries(rows: NewUsageEvent[]): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.writeBatch(rows);
        return;
      } catch (error) {
        const delayMs = this.retryDelaysMs[attempt];
        if (delayMs === undefined) return this.writeOneByOne(rows, error);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  }

  /** Last resort for a batch that keeps failing: one bad event must not take the others with it. */
  private async writeOneByOne(rows: NewUsageEvent[], batchError: unknown): Promise<void> {
    if (rows.length === 1) return this.onLost(batchError, 1);
    let lost = 0;
    let lastError = batchError;
    for (const row of rows) {
      try {
        await this.writeBatch([row]);
      } catch (error) {
        lost++;
        lastError = error;
      }
    }
    if (lost > 0) this.onLost(lastError, lost);
  }
}

/** Postgres (and any dialect): one multi-row INSERT, one round trip, atomic. */
function kyselyBatchWriter(db: Kysely<Database>): WriteBatch {
  return async (rows) => {
    await db.insertInto('usage_events').values(rows).execute();
  };
}

/** SQLite: one prepared statement, reused, for every row of one transaction (positional binds are the cheapest). */
function sqliteBatchWriter(sqlite: SqliteDatabase.Database): WriteBatch {
  let insertMany: ((rows: NewUsageEvent[]) => void) | undefined;
  return async (rows) => {
    if (!insertMany) {
      const columns = Object.keys(rows[0] ?? {}) as Array<keyof NewUsageEvent>;
      const statement = sqlite.prepare(
        `INSERT INTO usage_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      insertMany = sqlite.transaction((batch: NewUsageEvent[]) => {
        for (const row of batch) statement.run(columns.map((column) => row[column] ?? null));
      });
    }
    insertMany(rows);
  };
}
