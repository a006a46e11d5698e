import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './connect.js';

describe('openStore on SQLite', () => {
  it("keeps SQLite's own 2 MB page cache, not the 16 MB better-sqlite3 builds with", async () => {
    const directory = mkdtempSync(join(tmpdir(), 'tollgate-store-'));
    const store = await openStore({ dialect: 'sqlite', path: join(directory, 'tollgate.db') });
    try {
      expect(store.sqlite?.pragma('cache_size', { simple: true })).toBe(-2_000);
    } finally {
      await store.close();
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
