import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Database, NewUsageEvent } from '../../store/schema.js';

/** Rows per statement: SQLite allows 32,766 bound values, a usage event has 32 columns. */
const maxBatch = 500;

type WriteBatch = (rows: NewUsageEvent[]) => Promise<void>;

/**
 * Group commit for usage events that settle nothing (no cost, no hold): the events of every
 * request finishing in the same turn of the event loop are written in one statement, and each
 * request waits for that commit before its answer completes. So the guarantee holds (no answer
 * without its record) while the per-request cost of a transaction is shared.
 */
export class UsageBatchWriter {
  private pending: Array<{ row: NewUsageEvent; resolve: () => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;
  private readonly writeBatch: WriteBatch;

  constructor(db: Kysely<Database>, sqlite: SqliteDatabase.Database | undefined) {
    this.writeBatch = sqlite ? sqliteBatchWriter(sqlite) : kyselyBatchWriter(db);
  }

  write(row: NewUsageEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ row, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    for (let start = 0; start < batch.length; start += maxBatch) {
      const part = batch.slice(start, start + maxBatch);
      try {
        await this.writeBatch(part.map((entry) => entry.row));
        for (const entry of part) entry.resolve();
      } catch (error) {
        for (const entry of part) entry.reject(error);
      }
    }
  }
}

/** Postgres (and any dialect): one multi-row INSERT, one round trip, atomic. */
function kyselyBatchWriter(db: Kysely<Database>): WriteBatch {
  return async (rows) => {
    await db.insertInto('usage_events').values(rows).execute();
  };
}

/** SQLite: one prepared statement, reused, for every row of one transaction (positional binds are the cheapest). */
function sqliteBatchWriter(sqlite: SqliteDatabase.Database): WriteBatch {
  let insertMany: ((rows: NewUsageEvent[]) => void) | undefined;
  return async (rows) => {
    if (!insertMany) {
      const columns = Object.keys(rows[0] ?? {}) as Array<keyof NewUsageEvent>;
      const statement = sqlite.prepare(
        `INSERT INTO usage_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      insertMany = sqlite.transaction((batch: NewUsageEvent[]) => {
        for (const row of batch) statement.run(columns.map((column) => row[column] ?? null));
      });
    }
    insertMany(rows);
  };
}
