import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { Store } from '../../store/connect.js';
import { chainedOnPostgres, onPostgres, type PortableQuery } from '../../store/portable-sql.js';
import { jsonRowsInsertQuery, PostgresStatements } from '../../store/postgres-statements.js';
import type { Database } from '../../store/schema.js';
import { SqliteStatements } from '../../store/sqlite-statements.js';
import { addKeySpendQuery, addKeysSpendOnPostgres } from '../limits/key-spend.js';
import { consumeGrantsQuery } from './grants.js';
import { lockAccount } from './lease-store.js';
import {
  chargeAccountQuery,
  endReservationsQuery,
  missing,
  planSettlements,
  type Settlement,
  type SettlementEffects,
  type SettlementPlan,
  settlementWrites,
} from './settlement-batch.js';

/**
 * Writes the settlements of one account in one transaction: their usage events, ledger entries,
 * grant consumption, key spend totals and ended exact holds, with one UPDATE of the account (not
 * one per request). Holds from a lease touch no lease row (see settlementWrites).
 */
export type SettlementCommitter = (
  accountId: string,
  settlements: readonly Settlement[],
) => Promise<SettlementEffects>;

/** The committer of the store's dialect. */
export function settlementCommitterOf({ db, sqlite, pool }: Pick<Store, 'db' | 'sqlite' | 'pool'>) {
  if (sqlite) return sqliteSettlementCommitter(db, sqlite);
  if (pool) return postgresSettlementCommitter(db, new PostgresStatements(pool));
  throw new Error('settlements need a SQLite handle or a Postgres pool');
}

/**
 * Postgres: one statement, so one round trip and no BEGIN/COMMIT. Its primary statement is the
 * account UPDATE; the inserts, grants and key spend are `WITH` statements that nothing reads,
 * which Postgres runs after the primary one, so the account is locked first, as every credit
 * transaction locks it (the order of unread `WITH` statements is not promised by the manual:
 * should it change, the worst case is a deadlock that Postgres breaks and the writer retries).
 *
 * Its rows (events, ledger entries, key totals) travel as JSON, so its text depends only on which
 * parts a batch has (ledger entries, a charge, key totals), never on how many settlements or keys:
 * a handful of prepared statements, each parsed once per connection and its plan kept.
 *
 * A batch that ends exact holds first locks the account and deletes them in a transaction, to
 * learn which upkeep already freed (those must not leave `reserved` twice).
 */
function postgresSettlementCommitter(
  db: Kysely<Database>,
  statements: PostgresStatements,
): SettlementCommitter {
  return async (accountId, settlements) => {
    const plan = planSettlements(settlements);
    if (plan.reservationIds.length === 0) {
      await statements.run(settlementStatement(settlements, plan, new Set()));
    } else {
      await db.transaction().execute(async (transaction) => {
        await lockAccount(transaction, accountId);
        const ended = await endReservationsQuery(transaction, plan.reservationIds).execute();
        const gone = missing(plan.reservationIds, ended);
        await transaction.executeQuery(onPostgres(settlementStatement(settlements, plan, gone)));
      });
    }
    return { covered: plan.covered, overdrawnAccounts: plan.overdrawnAccounts };
  };
}

function settlementStatement(
  settlements: readonly Settlement[],
  plan: SettlementPlan,
  goneReservations: ReadonlySet<string>,
): PortableQuery {
  const writes = settlementWrites(settlements, goneReservations);
  const at = new Date();
  // Without an overdraft every ledger entry is its event's `usage` entry for the event's whole
  // cost: written from the event rows the statement inserts, not sent a second time as JSON.
  const ledgerFromEvents = plan.ledger.length > 0 && plan.overdrawnAccounts.size === 0;
  const parts = [
    jsonRowsInsertQuery(
      'usage_events',
      settlements.map((settlement) => settlement.event),
      ledgerFromEvents ? usageLedgerReturning : '',
    ),
    ...(plan.ledger.length === 0
      ? []
      : [ledgerFromEvents ? usageLedgerFromEvents : jsonRowsInsertQuery('ledger_entries', plan.ledger)]),
    ...writes.accounts.flatMap((account) =>
      account.charged > 0 ? [consumeGrantsQuery(account.id, account.charged)] : [],
    ),
    ...(writes.keys.length > 0 ? [addKeysSpendOnPostgres(writes.keys, at)] : []),
  ];
  const [account] = writes.accounts;
  return account
    ? chainedOnPostgres(parts, chargeAccountQuery(account))
    : chainedOnPostgres(parts.slice(1), parts[0]!);
}

/** What the usage insert (the statement's first step, `step0`) hands to the ledger step below. */
const usageLedgerReturning = ' RETURNING id, account_id, request_id, cost_nano_usd, event_time';

/** The `usage` entries of a batch without overdraft, as planSettlements makes them (usageLedgerIdOf). */
const usageLedgerFromEvents: PortableQuery = {
  text:
    'INSERT INTO ledger_entries (id, account_id, kind, amount_nano_usd, request_id, usage_event_id, created_at) ' +
    "SELECT 'le' || substr(id, strpos(id, '_')), account_id, 'usage', -cost_nano_usd, request_id, id, event_time " +
    'FROM step0 WHERE cost_nano_usd <> 0',
  parameters: [],
};

/**
 * SQLite: the same statements, built once and prepared once, run synchronously in one
 * transaction. A paid request's settlement then costs tens of microseconds, not the hundreds
 * that preparing each statement anew through Kysely's driver costs.
 */
export function sqliteSettlementCommitter(
  db: Kysely<Database>,
  sqlite: SqliteDatabase.Database,
): SettlementCommitter {
  const statements = new SqliteStatements(sqlite);
  const commit = statements.transaction((settlements: readonly Settlement[]): SettlementEffects => {
    const plan = planSettlements(settlements);
    const goneReservations =
      plan.reservationIds.length === 0
        ? new Set<string>()
        : missing(plan.reservationIds, statements.all(endReservationsQuery(db, plan.reservationIds)));
    const writes = settlementWrites(settlements, goneReservations);
    for (const account of writes.accounts) statements.run(chargeAccountQuery(account));
    statements.insertRows(
      'usage_events',
      settlements.map((settlement) => settlement.event),
    );
    statements.insertRows('ledger_entries', plan.ledger);
    for (const account of writes.accounts) {
      if (account.charged > 0) statements.run(consumeGrantsQuery(account.id, account.charged));
    }
    const at = new Date();
    for (const key of writes.keys) {
      statements.run(addKeySpendQuery(key, at));
    }
    return { covered: plan.covered, overdrawnAccounts: plan.overdrawnAccounts };
  });
  return async (_accountId, settlements) => commit(settlements);
}
