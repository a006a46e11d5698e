import type { Kysely } from 'kysely';
import type { PortableQuery } from '../../store/portable-sql.js';
import type { Database, LedgerEntriesTable, NewUsageEvent } from '../../store/schema.js';
import { newId } from '../ids.js';
import type { CreditHold } from './credit-hold.js';

/** One usage event that moves money, with the hold its request releases (on its final attempt). */
export interface Settlement {
  event: NewUsageEvent;
  release: CreditHold | undefined;
}

/** What a committed batch did to holds that the instance mirrors in memory. */
export interface SettlementEffects {
  /** Of each settlement's cost, the part its hold covered (the rest, if any, is an overdraft). */
  covered: number[];
  /** Accounts that this batch overdrew (a provider counted more than a hold's bound). */
  overdrawnAccounts: Set<string>;
}

/** What a batch writes before it knows which exact holds upkeep already freed. */
export interface SettlementPlan {
  covered: number[];
  /** Exact holds that end. */
  reservationIds: string[];
  /**
   * A request's cost up to its hold is charged as `usage`; a provider count above the hold is
   * charged too, as an `overdraft` entry beside it.
   */
  ledger: LedgerEntriesTable[];
  /** Accounts that this batch overdraws. */
  overdrawnAccounts: Set<string>;
}

/** What a batch writes once the database said which exact holds were already freed. */
export interface SettlementWrites {
  accounts: Array<{ id: string; charged: number; released: number }>;
  keys: Array<{ accessKeyId: string; spent: number; released: number }>;
}

export function planSettlements(settlements: readonly Settlement[]): SettlementPlan {
  const covered = settlements.map(({ event, release }) =>
    release ? Math.min(event.cost_nano_usd, release.amountNanoUsd) : event.cost_nano_usd,
  );
  const reservationIds: string[] = [];
  const ledger: LedgerEntriesTable[] = [];
  const overdrawnAccounts = new Set<string>();
  settlements.forEach(({ event, release }, index) => {
    const part = covered[index]!;
    const entry = (kind: string, amount: number): LedgerEntriesTable => ({
      id: kind === 'usage' ? usageLedgerIdOf(event.id) : newId('le'),
      account_id: event.account_id,
      kind,
      amount_nano_usd: -amount,
      request_id: event.request_id,
      usage_event_id: event.id,
      created_at: event.event_time,
    });
    if (part !== 0) ledger.push(entry('usage', part));
    if (event.cost_nano_usd > part) {
      ledger.push(entry('overdraft', event.cost_nano_usd - part));
      overdrawnAccounts.add(event.account_id);
    }
    if (release?.source.kind === 'exact') reservationIds.push(release.source.reservation.id);
  });
  return {
    covered,
    reservationIds,
    ledger,
    overdrawnAccounts,
  };
}

/**
 * A request's `usage` ledger entry is named after its usage event (`ue_X` → `le_X`): one entry per
 * event, so the id is as unique as the event's, and Postgres can write the entry from the event row
 * it just inserted (settlement-committers.ts) rather than from a second list of rows.
 */
export function usageLedgerIdOf(usageEventId: string): string {
  return `le${usageEventId.slice(usageEventId.indexOf('_'))}`;
}

/**
 * What each account and key is charged and gets back. A hold from a lease leaves `reserved`
 * alone: the lease's row still holds it until the instance writes the lease's consumption
 * (credit-leases.ts), so the settlement touches no lease row. An exact hold's whole amount
 * leaves `reserved`, unless upkeep already freed it (its instance seemed dead).
 */
export function settlementWrites(
  settlements: readonly Settlement[],
  goneReservations: ReadonlySet<string>,
): SettlementWrites {
  const accounts = new Map<string, { id: string; charged: number; released: number }>();
  const keys = new Map<string, { accessKeyId: string; spent: number; released: number }>();
  for (const { event, release } of settlements) {
    let account = accounts.get(event.account_id);
    if (!account) {
      account = { id: event.account_id, charged: 0, released: 0 };
      accounts.set(event.account_id, account);
    }
    let key = keys.get(event.access_key_id);
    if (!key) {
      key = { accessKeyId: event.access_key_id, spent: 0, released: 0 };
      keys.set(event.access_key_id, key);
    }
    account.charged += event.cost_nano_usd;
    key.spent += event.cost_nano_usd;
    if (release?.source.kind === 'exact' && !goneReservations.has(release.source.reservation.id)) {
      account.released += release.amountNanoUsd;
      if (release.source.reservation.accessKeyId !== null) key.released += release.amountNanoUsd;
    }
  }
  return {
    accounts: [...accounts.values()].filter((account) => account.charged !== 0 || account.released !== 0),
    keys: [...keys.values()].filter((key) => key.spent !== 0 || key.released !== 0),
  };
}

export function endReservationsQuery(db: Kysely<Database>, ids: readonly string[]) {
  return db.deleteFrom('credit_reservations').where('id', 'in', ids).returning('id');
}

export function chargeAccountQuery(account: SettlementWrites['accounts'][number]): PortableQuery {
  return {
    text: 'UPDATE accounts SET balance_nano_usd = balance_nano_usd - ?, reserved_nano_usd = reserved_nano_usd - ? WHERE id = ?',
    parameters: [account.charged, account.released, account.id],
  };
}

/** Exact holds the batch ends that were no longer there. */
export function missing(ids: readonly string[], found: ReadonlyArray<{ id: string }>): Set<string> {
  const still = new Set(found.map((row) => row.id));
  return new Set(ids.filter((id) => !still.has(id)));
}
