import type SqliteDatabase from 'better-sqlite3';
import type { Store } from '../../store/connect.js';
import { jsonRowsInsertQuery, PostgresStatements } from '../../store/postgres-statements.js';
import type { NewUsageEvent } from '../../store/schema.js';
import { SqliteStatements } from '../../store/sqlite-statements.js';

/** Rows per statement: SQLite allows 32,766 bound values, a usage event has about 35 columns. */
const maxBatch = 500;

/**
 * Events kept in memory while the database cannot take them (~1.5 KB each, so ~30 MB): about
 * 40 s of an outage at 500 requests a second. Beyond that, new events are reported lost.
 */
const defaultMaxQueued = 20_000;

/**
 * How long the first event of a batch waits for others (`TOLLGATE_USAGE_WRITE_WINDOW_MS`). A
 * one-row SQLite transaction costs ~115 µs here, and rows of a batch ~25 µs each: at 500
 * requests a second, ~3 events share a write at 5 ms (~12 at the former 25 ms, for ~3% less of
 * one core). It bounds, with the write itself, how much a process killed outright can lose (see
 * the class comment), so it is kept short.
 */
const defaultBatchWindowMs = 5;

/** Waits between tries while writes fail; the last one repeats for as long as the outage lasts. */
const defaultRetryDelaysMs = [100, 1_000, 5_000];

type WriteBatch = (rows: NewUsageEvent[]) => Promise<void>;

export interface UsageBatchWriterOptions {
  /** Told of events that will never be written, with why. */
  onLost: (error: unknown, events: number) => void;
  retryDelaysMs?: readonly number[];
  maxQueued?: number;
  batchWindowMs?: number;
  /** Told, after each commit, how long each of its events waited since it was queued (ms): one per event. */
  onWritten?: (waitedMs: readonly number[]) => void;
}

/**
 * Background writer for usage events that move no money (no cost, no credit hold). An event is
 * queued as its answer is sent, and the events queued within a short window (5 ms) are written
 * together, in one statement (one transaction). The answers have long been handed to the sockets:
 * the write costs the clients no latency, and one write serves many requests, which keeps the
 * gateway's event loop free for the requests in flight. A reader who must see the events
 * (settled()) does not wait for the window.
 *
 * One loop writes the queue, in order. While the database fails, the loop waits and tries again
 * with everything queued meanwhile, so an outage costs one retry schedule, not one per batch. A
 * batch that keeps failing while single events still go in holds a bad event: that event alone
 * is dropped and reported. Inserts ignore an id already written, so a retry after a commit whose
 * reply was lost writes nothing twice.
 *
 * Events that charge or settle credits never come here: they commit with their ledger entries
 * before their answer (UsageRecorder). A process killed outright can lose the events of its last
 * window, as it loses the requests it was serving; a graceful stop waits for them, within a limit.
 */
export class UsageBatchWriter {
  private queue: NewUsageEvent[] = [];
  /** When each queued event was queued (`performance.now()`), in the queue's order. */
  private queuedAt: number[] = [];
  /** The window's timer, from the first event of a batch until its write starts. */
  private window: NodeJS.Timeout | undefined;
  private stopped = false;
  /** The write loop, while it runs. */
  private running: Promise<void> | undefined;
  private readonly writeBatch: WriteBatch;
  private readonly onLost: UsageBatchWriterOptions['onLost'];
  private readonly retryDelaysMs: readonly number[];
  private readonly maxQueued: number;
  private readonly batchWindowMs: number;
  private readonly onWritten: ((waitedMs: readonly number[]) => void) | undefined;

  constructor(store: Pick<Store, 'sqlite' | 'pool'>, options: UsageBatchWriterOptions) {
    this.writeBatch = batchWriterOf(store);
    this.onLost = options.onLost;
    this.retryDelaysMs = options.retryDelaysMs ?? defaultRetryDelaysMs;
    this.maxQueued = options.maxQueued ?? defaultMaxQueued;
    this.batchWindowMs = options.batchWindowMs ?? defaultBatchWindowMs;
    this.onWritten = options.onWritten;
  }

  enqueue(row: NewUsageEvent): void {
    if (this.stopped || this.queue.length >= this.maxQueued) {
      const why = this.stopped ? 'the usage writer has stopped' : 'the usage write queue is full';
      this.onLost(new Error(why), 1);
      return;
    }
    this.queue.push(row);
    this.queuedAt.push(performance.now());
    // A running loop takes this event too, once its current write is done.
    if (this.window || this.running) return;
    this.window = setTimeout(() => void this.drain(), this.batchWindowMs);
  }

  /**
   * Resolves true once every queued event is written (read-your-writes), or false when
   * `timeoutMs` passes first (the database is failing); it never rejects.
   */
  async settled(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (this.queue.length === 0 && !this.running) return true;
    const drained = (async () => {
      // Again while events arrive as the loop finishes; a stopped writer writes no more.
      while (!this.stopped && (this.queue.length > 0 || this.running)) await this.drain();
      return this.queue.length === 0;
    })();
    if (!Number.isFinite(timeoutMs)) return drained;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    try {
      return await Promise.race([drained, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** For a graceful stop: waits up to `timeoutMs` for the queue, then reports what is left as lost. */
  async stop(timeoutMs: number): Promise<void> {
    const written = await this.settled(timeoutMs);
    this.stopped = true;
    clearTimeout(this.window);
    if (written) return;
    const left = this.queue.length;
    this.queue = [];
    this.queuedAt = [];
    if (left > 0) this.onLost(new Error('stopped before the database took these events'), left);
  }

  private drain(): Promise<void> {
    clearTimeout(this.window);
    this.window = undefined;
    this.running ??= this.writeQueue().finally(() => {
      this.running = undefined;
      // An event queued while the loop was finishing found it running and scheduled nothing.
      if (this.queue.length > 0 && !this.stopped) void this.drain();
    });
    return this.running;
  }

  private async writeQueue(): Promise<void> {
    let failures = 0;
    while (!this.stopped && this.queue.length > 0) {
      const rows = this.queue.slice(0, maxBatch);
      let delayMs: number;
      try {
        await this.writeBatch(rows);
        this.queue.splice(0, rows.length);
        this.written(this.queuedAt.splice(0, rows.length));
        failures = 0;
        continue;
      } catch (error) {
        failures++;
        const retryDelayMs = this.retryDelaysMs[failures - 1];
        if (retryDelayMs !== undefined) {
          delayMs = retryDelayMs;
        } else {
          // Every retry failed: a bad event, or the database is down. Then the schedule restarts.
          const progressed = await this.dropBadEvents(rows, error);
          failures = 0;
          if (progressed) continue;
          delayMs = this.retryDelaysMs.at(-1) ?? 0;
        }
      }
      // A timer, even of 0 ms, also lets the event loop run between tries.
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  /**
   * A batch that failed every retry is written event by event. If some go in, the database is
   * up and the others are bad: they are dropped and reported (true). If none goes in, the
   * database is down: the batch stays queued (false).
   */
  private async dropBadEvents(rows: NewUsageEvent[], batchError: unknown): Promise<boolean> {
    const firstPass = await this.writeEach(rows);
    // One event alone that keeps failing cannot tell a bad event from an outage: it is kept.
    if (firstPass.failed.length === rows.length) return false;
    // The database may have come back during the pass: an event that failed before is not bad yet.
    const { failed, lastError } = await this.writeEach(firstPass.failed);
    this.queue.splice(0, rows.length);
    this.queuedAt.splice(0, rows.length);
    if (failed.length > 0) this.onLost(lastError ?? batchError, failed.length);
    return true;
  }

  private written(queuedAt: number[]): void {
    if (!this.onWritten) return;
    const now = performance.now();
    this.onWritten(queuedAt.map((at) => now - at));
  }

  private async writeEach(
    rows: NewUsageEvent[],
  ): Promise<{ failed: NewUsageEvent[]; lastError: unknown | undefined }> {
    const failed: NewUsageEvent[] = [];
    let lastError: unknown;
    for (const row of rows) {
      try {
        await this.writeBatch([row]);
      } catch (error) {
        failed.push(row);
        lastError = error;
      }
    }
    return { failed, lastError };
  }
}

function batchWriterOf({ sqlite, pool }: Pick<Store, 'sqlite' | 'pool'>): WriteBatch {
  if (sqlite) return sqliteBatchWriter(sqlite);
  if (pool) return postgresBatchWriter(new PostgresStatements(pool));
  throw new Error('the usage writer needs a SQLite handle or a Postgres pool');
}

/** Postgres: one INSERT of the whole batch, one round trip, atomic, prepared once per connection. */
function postgresBatchWriter(statements: PostgresStatements): WriteBatch {
  return (rows) => statements.run(jsonRowsInsertQuery('usage_events', rows, ' ON CONFLICT (id) DO NOTHING'));
}

/** SQLite: one prepared statement, reused for every row of one transaction. */
function sqliteBatchWriter(sqlite: SqliteDatabase.Database): WriteBatch {
  const statements = new SqliteStatements(sqlite);
  const insertMany = statements.transaction((rows: NewUsageEvent[]) =>
    statements.insertRows('usage_events', rows, 'id'),
  );
  return async (rows) => insertMany(rows);
}
