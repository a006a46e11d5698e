import { Worker } from 'node:worker_threads';
import type SqliteDatabase from 'better-sqlite3';
import type { CheckpointReport, CheckpointWorkerData } from './wal-checkpoint-worker.js';

export interface WalCheckpointerOptions {
  /** How often the worker copies the write-ahead log into the database file. */
  intervalMs?: number;
  /** Log size (pages) above which the worker starts the log over, making the writer wait a moment. */
  maxLogPages?: number;
}

/**
 * ~128 MB of 4 KB pages. Truncating the log makes the gateway's writes wait for the worker's copy
 * and fsync (30–50 ms here), every request in flight with them. Paid requests write ~6 pages each
 * (event, ledger, account, grant, key spend, indexes), so a 16 MB cap was reached every second or
 * two at 500 req/s: p99 at twice fee-0's. At this cap it comes every ten seconds or so, too rarely
 * to reach the p99; the log is disk (and a 256 KB index), not memory.
 */
const defaultMaxLogPages = 32_000;

/**
 * Smaller copies, more often: a PASSIVE checkpoint does not block the writer, but one that copies
 * thousands of pages at once was seen to stall it all the same; a quarter of a second's pages did not.
 */
const defaultIntervalMs = 250;

/** SQLite's own default, restored on the main connection if the worker is lost. */
const autoCheckpointPages = 1_000;

/** Checkpoints that fail one after another before the main connection takes them back. */
const failuresBeforeFallback = 5;

/**
 * Starts the worker's program beside this module: the compiled `.js` in a build. When the sources
 * themselves run (tests, `tsx`), the `.ts` source through tsx's loader, registered inside the worker
 * (on Node 20 a worker inherits neither the loader nor an `--import` of it).
 */
function startWorker(workerData: CheckpointWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./wal-checkpoint-worker.js', import.meta.url), { workerData });
  }
  const source = JSON.stringify(new URL('./wal-checkpoint-worker.ts', import.meta.url).href);
  const bootstrap = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the commit that fills the log past
 * 1,000 pages copies it into the database file and fsyncs, inside the committing call: ~11 ms on
 * this machine, every second or two at 500 req/s, during which every request in flight waits.
 * Here the main connection never checkpoints; a worker thread with its own connection runs a
 * PASSIVE checkpoint every quarter of a second, and truncates the log when it passes a cap (the
 * only moment the writer waits, every ten seconds or so at 500 paid req/s). Should the worker be lost, or its
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
    const workerData: CheckpointWorkerData = {
      path,
      intervalMs: options.intervalMs ?? defaultIntervalMs,
      maxLogPages: options.maxLogPages ?? defaultMaxLogPages,
    };
    sqlite.pragma('wal_autocheckpoint = 0');
    this.worker = startWorker(workerData);
    // It must not keep a process alive that has nothing else to do (a CLI command, a test).
    this.worker.unref();
    this.worker.on('message', (message: CheckpointReport) => {
      if (message.ok) {
        this.failures = 0;
        return;
      }
      onProblem(`WAL checkpoint failed: ${message.failed}`);
      if (++this.failures >= failuresBeforeFallback) void this.worker.terminate();
    });
    // What a worker throws arrives cloned; a driver's error class may arrive without its message.
    this.worker.on('error', (error: unknown) => {
      const message = error instanceof Error && error.message ? error.message : String(error);
      onProblem(`WAL checkpoint worker failed: ${message}`);
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
