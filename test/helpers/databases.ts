import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { openStore, type Store } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrate.js';

import { postgresTestUrl, redisTestUrl } from './test-services.js';

/** The machine's Postgres (trust auth); each test file gets its own database and drops it. */
export const postgresAdminUrl = postgresTestUrl;

/** What the global setup chose for this run (test/helpers/test-services.ts). */
const services = inject('testServices');
/** Postgres is selected: its suites run (else they are reported as skipped). */
export const postgresEnabled = services.postgres;
/** Redis is selected: its suites run, against this URL. */
export const redisEnabled = services.redis;
export const redisUrl = redisTestUrl;
/** Redis is selected and `redis-server` is installed, for suites that start a Redis of their own. */
export const redisServerEnabled = services.redisServer;

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export type Dialect = 'sqlite' | 'postgres';
/** The dialects this run covers: SQLite always, Postgres when selected. */
export const dialects: Dialect[] = postgresEnabled ? ['sqlite', 'postgres'] : ['sqlite'];

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const directory = mkdtempSync(join(tmpdir(), 'tollgate-test-'));
    return {
      url: `sqlite:${join(directory, 'tollgate.db')}`,
      drop: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const name = `tollgate_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: postgresAdminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A store on a test database, opened directly (no app around it). */
export function openTestStore(database: TestDatabase): Promise<Store> {
  return openStore(
    database.url.startsWith('sqlite:')
      ? { dialect: 'sqlite', path: database.url.slice('sqlite:'.length) }
      : { dialect: 'postgres', url: database.url },
  );
}

/**
 * A fresh, migrated store for the calling `describe` block: created before its tests (and before
 * the block's own `beforeAll`s, registered later), closed and dropped after them.
 */
export function migratedTestStore(dialect: Dialect): () => Store {
  let database: TestDatabase | undefined;
  let store: Store | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openTestStore(database);
    await migrateToLatest(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });
  return () => {
    if (!store) throw new Error('the test store is opened in beforeAll');
    return store;
  };
}
