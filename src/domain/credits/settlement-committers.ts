import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import {
  chainedOnPostgres,
  insertRowsQuery,
  onPostgres,
  type PortableQuery,
} from '../../store/portable-sql.js';
import type { Database } from '../../store/schema.js';
import { SqliteStatements } from '../../store/sqlite-statements.js';
import { addKeySpendQuery } from '../limits/key-spend.js';
import { consumeGrantsQuery } from './grants.js';
import { addReserved, addReservedQuery } from './lease-store.js';
import {
  chargeAccountQuery,
  consumeLeasesQuery,
  endReservationsQuery,
  goneLeasesOf,
  missing,
  planSettlements,
  reservedCorrections,
  type Settlement,
  type SettlementEffects,
  settlementWrites,
} from './settlement-batch.js';

/**
 * Writes many requests' settlements in one transaction: their usage events, ledger entries,
 * grant consumption, key spend totals and released holds, with one UPDATE per account (not per
 * request). That UPDATE comes first, in account id order, so that it also locks the accounts
 * before any lease or hold row, as every credit transaction does; it assumes no hold of the
 * batch was freed by upkeep meanwhile, and the rare one that was is given back after.
 */
export type SettlementCommitter = (settlements: readonly Settlement[]) => Promise<SettlementEffects>;

/**
 * Postgres, in round trips: the usage events and ledger entries (which lock nothing shared, so a
 * second batch writes them while the first holds the account); the account UPDATEs, which lock
 * the accounts first; the end of exact holds, if any; the rest in one statement (leases, grants,
 * key spend), which answers which leases were still there.
 */
export function postgresSettlementCommitter(db: Kysely<Database>): SettlementCommitter {
  return (settlements) =>
    db.transaction().execute(async (transaction) => {
      const run = (query: PortableQuery) => transaction.executeQuery(onPostgres(query));
      const plan = planSettlements(settlements);
      const assumed = settlementWrites(settlements, plan, new Set(), new Set());
      const events = insertRowsQuery(
        'usage_events',
        settlements.map((settlement) => settlement.event),
      );
      await run(
        plan.ledger.length === 0
          ? events
          : chainedOnPostgres([events], insertRowsQuery('ledger_entries', plan.ledger)),
      );
      for (const account of assumed.accounts) await run(chargeAccountQuery(account));
      const goneReservations =
        plan.reservationIds.length === 0
          ? new Set<string>()
          : missing(
              plan.reservationIds,
              await endReservationsQuery(transaction, plan.reservationIds).execute(),
            );
      const writes = settlementWrites(settlements, plan, new Set(), goneReservations);
      const at = new Date();
      const locked = [
        ...writes.accounts.flatMap((account) =>
          account.charged > 0 ? [consumeGrantsQuery(account.id, account.charged)] : [],
        ),
        ...writes.keys.map((key) => addKeySpendQuery(key.accessKeyId, key.spent, key.released, at)),
      ];
      const leases = consumeLeasesQuery(plan.leaseConsumption);
      const alive = leases
        ? await run(chainedOnPostgres(locked, leases))
        : locked.length > 0
          ? await run(chainedOnPostgres(locked.slice(1), locked[0]!))
          : { rows: [] };
      const goneLeases = goneLeasesOf(plan, leases ? (alive.rows as Array<{ id: string }>) : []);
      const final = settlementWrites(settlements, plan, goneLeases, goneReservations);
      for (const { accountId, excess } of reservedCorrections(assumed, final)) {
        await addReserved(transaction, accountId, excess);
      }
      return { covered: plan.covered, goneLeases, overdrawnAccounts: plan.overdrawnAccounts };
    });
}

/**
 * SQLite: the same statements, built by Kysely but each prepared once and run synchronously in
 * one transaction. A paid request's settlement then costs tens of microseconds, not the
 * hundreds that preparing each statement anew through Kysely's driver costs.
 */
export function sqliteSettlementCommitter(
  db: Kysely<Database>,
  sqlite: SqliteDatabase.Database,
): SettlementCommitter {
  const statements = new SqliteStatements(sqlite);
  const commit = statements.transaction((settlements: readonly Settlement[]): SettlementEffects => {
    const plan = planSettlements(settlements);
    const assumed = settlementWrites(settlements, plan, new Set(), new Set());
    for (const account of assumed.accounts) statements.run(chargeAccountQuery(account));
    const leases = consumeLeasesQuery(plan.leaseConsumption);
    const goneLeases = goneLeasesOf(plan, leases ? statements.all<{ id: string }>(leases) : []);
    const goneReservations =
      plan.reservationIds.length === 0
        ? new Set<string>()
        : missing(plan.reservationIds, statements.all(endReservationsQuery(db, plan.reservationIds)));
    const writes = settlementWrites(settlements, plan, goneLeases, goneReservations);
    for (const { accountId, excess } of reservedCorrections(assumed, writes)) {
      statements.run(addReservedQuery(db, accountId, excess));
    }
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
      statements.run(addKeySpendQuery(key.accessKeyId, key.spent, key.released, at));
    }
    return { covered: plan.covered, goneLeases, overdrawnAccounts: plan.overdrawnAccounts };
  });
  return async (settlements) => commit(settlements);
}
