import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalCheckpointer } from './wal-checkpointer.js';

describe('WalCheckpointer', () => {
  let directory: string;
  let path: string;
  let sqlite: SqliteDatabase.Database;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'tollgate-wal-'));
    path = join(directory, 'test.db');
    sqlite = new SqliteDatabase(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)');
  });

  afterEach(() => {
    if (sqlite.open) sqlite.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const autoCheckpoint = () => sqlite.pragma('wal_autocheckpoint', { simple: true });
  const writeMegabytes = (megabytes: number) => {
    const insert = sqlite.prepare('INSERT INTO rows (payload) VALUES (?)');
    const payload = 'x'.repeat(1024);
    sqlite.transaction(() => {
      for (let row = 0; row < megabytes * 1024; row++) insert.run(payload);
    })();
  };

  it('takes checkpoints off the connection and copies the log into the database file itself', async () => {
    const problems: string[] = [];
    const checkpointer = new WalCheckpointer(sqlite, path, (problem) => problems.push(problem), {
      intervalMs: 20,
    });
    try {
      expect(autoCheckpoint()).toBe(0);
      writeMegabytes(4);
      // Far past SQLite's 1,000-page threshold: without the worker, the file would stay as it was.
      let size = statSync(path).size;
      for (let waited = 0; waited < 10_000 && size < 4 * 1024 * 1024; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        size = statSync(path).size;
      }
      expect(size).toBeGreaterThanOrEqual(4 * 1024 * 1024);
      expect(problems).toEqual([]);
    } finally {
      await checkpointer.stop();
    }
    // Stopped, the connection checkpoints for itself again.
    expect(autoCheckpoint()).toBe(1000);
  });

  it('if the worker is lost, the connection checkpoints for itself again and says so', async () => {
    const problems: string[] = [];
    // A database file the worker cannot open: it fails at once, as a crashed worker would.
    const lost = new WalCheckpointer(sqlite, join(directory, 'missing.db'), (problem) =>
      problems.push(problem),
    );
    for (let waited = 0; waited < 10_000 && autoCheckpoint() !== 1000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(autoCheckpoint()).toBe(1000);
    expect(problems.some((problem) => problem.includes('checkpoints for itself again'))).toBe(true);
    await lost.stop();
  });

  it('keeps the log bounded while another connection writes all the time', async () => {
    const problems: string[] = [];
    const checkpointer = new WalCheckpointer(sqlite, path, (problem) => problems.push(problem), {
      intervalMs: 10,
      maxLogPages: 256,
    });
    const walSize = () => statSync(`${path}-wal`).size;
    try {
      // First past the cap in one go, until the worker truncates the log: it is running.
      writeMegabytes(2);
      for (let waited = 0; waited < 10_000 && walSize() > 0; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(walSize()).toBe(0);
      // Then ~24 MB in one-row commits, with short pauses so that the worker gets its turns.
      const insert = sqlite.prepare('INSERT INTO rows (payload) VALUES (?)');
      const payload = 'x'.repeat(1024);
      for (let round = 0; round < 120; round++) {
        for (let row = 0; row < 200; row++) insert.run(payload);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // Without the cap SQLite never starts the log over under steady writes: it would hold it all.
      expect(walSize()).toBeLessThan(8 * 1024 * 1024);
    } finally {
      await checkpointer.stop();
    }
    expect(problems).toEqual([]);
  });
});
