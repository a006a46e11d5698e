/**
 * A configuration's database: a SQLite file in the run's directory, or a Postgres database of its
 * own (`tollgate_bench_<hex>`, created like test/helpers/databases.ts does and dropped at the end).
 * The harness reads it only through {@link BenchDatabase.query}, after Tollgate has stopped.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';

export type Dialect = 'sqlite' | 'postgres';

export interface BenchDatabase {
  dialect: Dialect;
  /** For TOLLGATE_DATABASE_URL. */
  url: string;
  /** The rows of a read-only query whose parameters are `$1`, `$2`, … in order. */
  query(text: string, parameters?: unknown[]): Promise<Record<string, unknown>[]>;
  /** The Postgres backends serving this database now (their CPU is Tollgate's work too); none for SQLite. */
  backendPids(): Promise<number[]>;
  /** Idempotent, so that the normal end and Ctrl-C may both call it. */
  drop(): Promise<void>;
}

/** An integer column or aggregate as a bigint: SQLite gives bigints here, pg gives int8 and numeric as text. */
export function bigintOf(value: unknown): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === 'bigint') return value;
  return BigInt(String(value));
}

function sqliteDatabase(directory: string, name: string): BenchDatabase {
  const path = join(directory, `${name}.db`);
  return {
    dialect: 'sqlite',
    url: `sqlite:${path}`,
    query: async (text, parameters = []) => {
      const database = new Database(path, { readonly: true, fileMustExist: true });
      try {
        // Money in nano-dollars can pass 2^53 in a sum; bigints keep it exact.
        const statement = database.prepare(text.replace(/\$\d+/g, '?')).safeIntegers(true);
        return statement.all(...parameters) as Record<string, unknown>[];
      } finally {
        database.close();
      }
    },
    backendPids: async () => [],
    // The run's directory goes as a whole when the harness exits.
    drop: async () => {},
  };
}

async function postgresDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `tollgate_bench_${randomBytes(6).toString('hex')}`;
  // One connection to the admin database for the run: CREATE, the backend lookups, DROP.
  const admin = new pg.Pool({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    dialect: 'postgres',
    url: url.toString(),
    query: async (text, parameters = []) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        return (await client.query(text, parameters)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    },
    backendPids: async () => {
      const { rows } = await admin.query('SELECT pid FROM pg_stat_activity WHERE datname = $1', [name]);
      return rows.map((row: { pid: number }) => row.pid);
    },
    drop: () => {
      dropped ??= admin
        .query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
        .then(() => undefined)
        .finally(() => admin.end());
      return dropped;
    },
  };
}

export function createDatabase(
  dialect: Dialect,
  name: string,
  directory: string,
  postgresAdminUrl: string,
): Promise<BenchDatabase> {
  return dialect === 'sqlite'
    ? Promise.resolve(sqliteDatabase(directory, name))
    : postgresDatabase(postgresAdminUrl);
}
