/**
 * The WAL checkpoint worker's program (see wal-checkpointer.ts): a connection of its own that does
 * nothing but checkpoint. It runs in a worker thread, so it imports only the driver.
 */
import { parentPort, workerData } from 'node:worker_threads';
import SqliteDatabase from 'better-sqlite3';

/** What the main thread hands the worker. */
export interface CheckpointWorkerData {
  path: string;
  intervalMs: number;
  maxLogPages: number;
}

/** What the worker tells the main thread after each checkpoint. */
export type CheckpointReport = { ok: true } | { ok: false; failed: string };

/** One row of `PRAGMA wal_checkpoint`: frames in the log, and how many are copied. */
interface CheckpointRow {
  busy: number;
  log: number;
  checkpointed: number;
}

function run(port: NonNullable<typeof parentPort>, data: CheckpointWorkerData): void {
  const db = new SqliteDatabase(data.path, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  // It copies log frames to the database file; it reads no pages worth keeping.
  db.pragma('cache_size = -256');
  const report = (message: CheckpointReport) => port.postMessage(message);
  const checkpoint = () => {
    try {
      const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
      // SQLite starts the log over only when a write begins with every frame already copied, which
      // steady writes from the other connection never leave time for: past the cap, truncate it.
      if (result !== undefined && result.log > data.maxLogPages) db.pragma('wal_checkpoint(TRUNCATE)');
      report({ ok: true });
    } catch (error) {
      report({ ok: false, failed: error instanceof Error ? error.message : String(error) });
    }
  };
  const timer = setInterval(checkpoint, data.intervalMs);
  // Any message means stop: one last checkpoint, then the connection and the port close.
  port.on('message', () => {
    clearInterval(timer);
    checkpoint();
    db.close();
    port.close();
  });
}

if (parentPort === null) throw new Error('wal-checkpoint-worker runs only as a worker thread');
run(parentPort, workerData as CheckpointWorkerData);
