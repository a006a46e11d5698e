import type SqliteDatabase from 'better-sqlite3';
import type { Compilable, CompiledQuery } from 'kysely';
import type { PortableQuery } from './portable-sql.js';

type Query<Row = unknown> = Compilable<Row> | CompiledQuery<Row> | PortableQuery;

function compiled<Row>(query: Query<Row>): { sql: string; parameters: readonly unknown[] } {
  if ('text' in query) return { sql: query.text, parameters: query.parameters };
  return 'compile' in query ? query.compile() : query;
}

/**
 * Runs Kysely-built queries on the SQLite handle synchronously, each SQL text prepared once.
 * Kysely's own SQLite driver prepares every statement anew and awaits each one; for the few
 * statements that run on every paid request (settlement batches) that costs more than the
 * statement itself. Synchronous, they also run inside `sqlite.transaction(...)`.
 */
export class SqliteStatements {
  private readonly prepared = new Map<string, SqliteDatabase.Statement>();

  constructor(private readonly sqlite: SqliteDatabase.Database) {}

  run(query: Query): SqliteDatabase.RunResult {
    const { sql, parameters } = compiled(query);
    return this.statement(sql).run(...(parameters as unknown[]));
  }

  all<Row>(query: Query<Row>): Row[] {
    const { sql, parameters } = compiled(query);
    return this.statement(sql).all(...(parameters as unknown[])) as Row[];
  }

  /**
   * Inserts rows one prepared single-row statement at a time (positional binds are the cheapest;
   * a multi-row statement would be planned anew for every count of rows). `ignoreConflictOn`: a
   * row whose key is already there is skipped.
   */
  insertRows<Row extends object>(table: string, rows: readonly Row[], ignoreConflictOn?: string): void {
    const [first] = rows;
    if (first === undefined) return;
    const columns = Object.keys(first) as Array<keyof Row & string>;
    const statement = this.statement(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})` +
        (ignoreConflictOn === undefined ? '' : ` ON CONFLICT (${ignoreConflictOn}) DO NOTHING`),
    );
    for (const row of rows) statement.run(columns.map((column) => row[column] ?? null));
  }

  transaction<Args extends unknown[], Result>(work: (...args: Args) => Result): (...args: Args) => Result {
    return this.sqlite.transaction(work);
  }

  private statement(sql: string): SqliteDatabase.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.sqlite.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}
