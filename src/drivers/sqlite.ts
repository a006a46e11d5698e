import type SqliteDatabase from 'better-sqlite3';

/** `better-sqlite3`, imported on first use: a gateway on Postgres never loads the native module. */
export async function loadSqlite(): Promise<typeof SqliteDatabase> {
  return (await import('better-sqlite3')).default;
}
