import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';

/** How often the worker copies the write-ahead log into the database file. */
const defaultIntervalMs = 1_000;

/** SQLite's own default, restored on the main connection if the worker is lost. */
const autoCheckpointPages = 1_000;

// The worker's own connection does nothing but checkpoint; plain CommonJS, so that it needs no loader.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
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
 * PASSIVE checkpoint every second, which never blocks the writer. Should the worker be lost, the
 * main connection checkpoints for itself again, so the log cannot grow without bound.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private stopped = false;
  private readonly exited: Promise<void>;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    path: string,
    onProblem: (message: string) => void,
    intervalMs = defaultIntervalMs,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    sqlite.pragma('wal_autocheckpoint = 0');
    this.worker = new Worker(workerSource, { eval: true, workerData: { driver, path, intervalMs } });
    // It must not keep a process alive that has nothing else to do (a CLI command, a test).
    this.worker.unref();
    this.worker.on('message', (message: { failed?: string }) => {
      if (message.failed) onProblem(`WAL checkpoint failed: ${message.failed}`);
    });
    this.worker.on('error', (error) => {
      onProblem(`WAL checkpoint worker failed: ${error.message}`);
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('exit', () => {
      if (this.stopped || !this.sqlite.open) return;
      this.sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
      onProblem('WAL checkpoint worker stopped; the gateway checkpoints for itself again');
    });
  }

  /** Runs a last checkpoint and ends the worker (at once if it is already gone). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
    await this.exited;
    if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`);
  }
}
