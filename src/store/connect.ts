import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type pg from 'pg';
import type { DatabaseTarget } from '../config/settings.js';
import { loadPg } from '../drivers/postgres.js';
import { loadSqlite } from '../drivers/sqlite.js';
import type { Database } from './schema.js';
import { WalCheckpointer } from './wal-checkpointer.js';

export interface Store {
  db: Kysely<Database>;
  dialect: DatabaseTarget['dialect'];
  /** The Postgres pool, for LISTEN/NOTIFY; undefined on SQLite. */
  pool: pg.Pool | undefined;
  /** The SQLite handle, for the few hot statements worth preparing once; undefined on Postgres. */
  sqlite: SqliteDatabase.Database | undefined;
  close(): Promise<void>;
}

/**
 * SQLite's own default page cache (2 MB), where better-sqlite3 builds with 16 MB: under load the
 * appended usage and ledger pages filled it, ~16 MiB of resident memory for pages the gateway does
 * not read again (its hot reads are cached in the process). The operating system's file cache
 * still holds the rest of the file for the admin API's queries, outside the process.
 */
const pageCacheKib = 2_000;

export interface StoreOptions {
  /**
   * SQLite files: checkpoint the write-ahead log in a worker thread (WalCheckpointer), telling
   * this function of problems. For the server; short-lived commands keep SQLite's default.
   */
  backgroundCheckpoints?: (problem: string) => void;
}

/** Opens the database; its driver module is imported here, so only the configured one is ever loaded. */
export async function openStore(target: DatabaseTarget, options: StoreOptions = {}): Promise<Store> {
  if (target.dialect === 'sqlite') {
    const inFile = target.path !== ':memory:';
    if (inFile) mkdirSync(dirname(target.path), { recursive: true });
    const Sqlite = await loadSqlite();
    const sqlite = new Sqlite(target.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma(`cache_size = ${-pageCacheKib}`);
    const checkpointer =
      inFile && options.backgroundCheckpoints
        ? new WalCheckpointer(sqlite, target.path, options.backgroundCheckpoints)
        : undefined;
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    const close = async () => {
      await checkpointer?.stop();
      await db.destroy();
    };
    return { db, dialect: 'sqlite', pool: undefined, sqlite, close };
  }
  // A connection that cannot be made in 5 s fails the request (503) instead of holding it for
  // the operating system's TCP timeout (minutes) while Postgres is unreachable.
  const { Pool } = await loadPg();
  const pool = new Pool({
    connectionString: target.url,
    max: 20,
    keepAlive: true,
    connectionTimeoutMillis: 5_000,
  });
  // An idle client's network error must not crash the process; the pool replaces the client.
  pool.on('error', () => {});
  // Nor may a client's that is checked out between two statements (inside a transaction, say):
  // the pool stops listening while it is lent, and a connection ended then (Postgres restarted,
  // `pg_terminate_backend`) was an uncaught 'error' event that stopped the process. The client's
  // next query fails instead (503 `database_unavailable`), and the pool drops it when it is back.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', pool, sqlite: undefined, close: () => db.destroy() };
}
