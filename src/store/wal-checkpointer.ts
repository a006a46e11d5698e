import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

export interface WalCheckpointerOptions {
  /** How often the worker copies the write-ahead log into the database file. */
  intervalMs?: number;
  /** Log size (pages) above which the worker starts the log over, making the writer wait a moment. */
  maxLogPages?: number;
}

/** ~16 MB of 4 KB pages: at 500 req/s the log reaches it in tens of seconds, not every second. */
const defaultMaxLogPages = 4_000;

/** SQLite's own default, restored on the main connection if the worker is lost. */
const autoCheckpointPages = 1_000;

/** Checkpoints that fail one after another before the main connection takes them back. */
const failuresBeforeFallback = 5;

// The worker's own connection does nothing but checkpoint; plain CommonJS, so that it needs no loader.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    // SQLite starts the log over only when a write begins with every frame already copied, which
    // steady writes from the other connection never leave time for: past the cap, truncate it.
    if (result.log > workerData.maxLogPages) db.pragma('wal_checkpoint(TRUNCATE)');
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ failed: String(error && error.message ? error.message : error) });
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the commit that fills the log past
 * 1,000 pages copies it into the database file and fsyncs, inside the committing call: ~11 ms on
 * this machine, every second or two at 500 req/s, during which every request in flight waits.
 * Here the main connection never checkpoints; a worker thread with its own connection runs a
 * PASSIVE checkpoint every second, which never blocks the writer, and truncates the log when it
 * passes a cap (the only moment the writer may wait, rarely). Should the worker be lost, or its
 * checkpoints keep failing, the main connection checkpoints for itself again.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    path: string,
    onProblem: (message: string) => void,
    options: WalCheckpointerOptions = {},
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const workerData = {
      driver,
      path,
      intervalMs: options.intervalMs ?? 1_000,
      maxLogPages: options.maxLogPages ?? defaultMaxLogPages,
    };
    sqlite.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(workerSource, { eval: true, workerData });
    // It must not keep a process alive that has nothing else to do (a CLI command, a test).
    this.worker.unref();
    this.worker.on('message', (message: { ok?: boolean; failed?: string }) => {
      if (message.ok) {
        this.failures = 0;
        return;
      }
      onProblem(`WAL checkpoint failed: ${message.failed}`);
      if (++this.failures >= failuresBeforeFallback) void this.worker.terminate();
    });
    this.worker.on('error', (error) => {
      onProblem(`WAL checkpoint worker failed: ${error.message}`);
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => {
        resolve();
        if (this.stopped || !this.sqlite.open) return;
        this.sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
        onProblem('WAL checkpoint worker stopped; the gateway checkpoints for itself again');
      });
    });
  }

  /** Runs a last checkpoint and ends the worker (at once if it is already gone). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Kept alive until it has finished, or the process could exit in the middle of a shutdown.
    this.worker.ref();
    this.worker.postMessage('stop');
    await this.exited;
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
  }
}
