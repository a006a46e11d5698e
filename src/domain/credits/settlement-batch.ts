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
  /** Leases that upkeep had freed before this batch settled against them. */
  goneLeases: Set<string>;
  /** Accounts that this batch overdrew (a provider counted more than a hold's bound). */
  overdrawnAccounts: Set<string>;
}

/** What a batch asks of the database before it knows which holds upkeep already freed. */
export interface SettlementPlan {
  /** Locked first, in this (id) order, as every credit transaction locks its accounts. */
  accountIds: string[];
  covered: number[];
  /** What each lease gives up: its holds' costs, each at most the hold. In id order. */
  leaseConsumption: Array<[leaseId: string, amountNanoUsd: number]>;
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

/** What a batch writes once the database said which leases and exact holds were already freed. */
export interface SettlementWrites {
  accounts: Array<{ id: string; charged: number; released: number }>;
  keys: Array<{ accessKeyId: string; spent: number; released: number }>;
}

export function planSettlements(settlements: readonly Settlement[]): SettlementPlan {
  const covered = settlements.map(({ event, release }) =>
    release ? Math.min(event.cost_nano_usd, release.amountNanoUsd) : event.cost_nano_usd,
  );
  const consumed = new Map<string, number>();
  const reservationIds: string[] = [];
  const ledger: LedgerEntriesTable[] = [];
  const overdrawnAccounts = new Set<string>();
  settlements.forEach(({ event, release }, index) => {
    const part = covered[index]!;
    const entry = (kind: string, amount: number): LedgerEntriesTable => ({
      id: newId('le'),
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
    if (release?.source.kind === 'lease') {
      const { id } = release.source.lease;
      consumed.set(id, (consumed.get(id) ?? 0) + covered[index]!);
    } else if (release?.source.kind === 'exact') {
      reservationIds.push(release.source.reservation.id);
    }
  });
  return {
    accountIds: [...new Set(settlements.map((settlement) => settlement.event.account_id))].sort(),
    covered,
    leaseConsumption: [...consumed]
      .filter(([, amount]) => amount !== 0)
      .sort(([a], [b]) => a.localeCompare(b)),
    reservationIds,
    ledger,
    overdrawnAccounts,
  };
}

/**
 * What each account and key is charged and gets back. A lease hold consumes its cost (at most the
 * hold) from the lease; the rest of the hold stays in the lease for the instance's next
 * requests. An exact hold's whole amount leaves `reserved`. A lease or exact hold that upkeep
 * already freed (its instance seemed dead) is not freed twice.
 */
export function settlementWrites(
  settlements: readonly Settlement[],
  plan: SettlementPlan,
  goneLeases: ReadonlySet<string>,
  goneReservations: ReadonlySet<string>,
): SettlementWrites {
  const accounts = new Map(plan.accountIds.map((id) => [id, { id, charged: 0, released: 0 }]));
  const keys = new Map<string, { accessKeyId: string; spent: number; released: number }>();
  settlements.forEach(({ event, release }, index) => {
    const account = accounts.get(event.account_id)!;
    const cost = event.cost_nano_usd;
    const covered = plan.covered[index]!;
    account.charged += cost;
    let key = keys.get(event.access_key_id);
    if (!key) {
      key = { accessKeyId: event.access_key_id, spent: 0, released: 0 };
      keys.set(event.access_key_id, key);
    }
    key.spent += cost;
    if (release?.source.kind === 'lease' && !goneLeases.has(release.source.lease.id)) {
      account.released += covered;
    }
    if (release?.source.kind === 'exact' && !goneReservations.has(release.source.reservation.id)) {
      account.released += release.amountNanoUsd;
      if (release.source.reservation.accessKeyId !== null) key.released += release.amountNanoUsd;
    }
  });
  return {
    accounts: [...accounts.values()].filter((account) => account.charged !== 0 || account.released !== 0),
    keys: [...keys.values()].filter((key) => key.spent !== 0 || key.released !== 0),
  };
}

export function endReservationsQuery(db: Kysely<Database>, ids: readonly string[]) {
  return db.deleteFrom('credit_reservations').where('id', 'in', ids).returning('id');
}

/**
 * Accounts are charged (and so locked) before the batch learns which holds upkeep already freed,
 * assuming none; this is what must go back to `reserved` for those that were.
 */
export function reservedCorrections(assumed: SettlementWrites, actual: SettlementWrites) {
  const released = new Map(actual.accounts.map((account) => [account.id, account.released]));
  return assumed.accounts.flatMap((account) => {
    const excess = account.released - (released.get(account.id) ?? 0);
    return excess === 0 ? [] : [{ accountId: account.id, excess }];
  });
}

export function chargeAccountQuery(account: SettlementWrites['accounts'][number]): PortableQuery {
  return {
    text: 'UPDATE accounts SET balance_nano_usd = balance_nano_usd - ?, reserved_nano_usd = reserved_nano_usd - ? WHERE id = ?',
    parameters: [account.charged, account.released, account.id],
  };
}

/** All the batch's lease consumption in one UPDATE, answering the leases still there. */
export function consumeLeasesQuery(consumption: ReadonlyArray<[string, number]>): PortableQuery | undefined {
  if (consumption.length === 0) return undefined;
  return {
    text:
      'UPDATE credit_leases SET amount_nano_usd = amount_nano_usd - consumed.amount ' +
      // A derived table of (id, amount) rows, in SQL both dialects take (SQLite has no column list on an alias).
      `FROM (${consumption.map(() => 'SELECT ? AS id, CAST(? AS BIGINT) AS amount').join(' UNION ALL ')}) AS consumed ` +
      'WHERE credit_leases.id = consumed.id RETURNING credit_leases.id',
    parameters: consumption.flat(),
  };
}

/** The batch's leases that upkeep had freed: those the consumption UPDATE did not find. */
export function goneLeasesOf(plan: SettlementPlan, alive: ReadonlyArray<{ id: string }>): Set<string> {
  return missing(
    plan.leaseConsumption.map(([id]) => id),
    alive,
  );
}

/** Rows (holds, leases) the batch ends or consumes that were no longer there. */
export function missing(ids: readonly string[], found: ReadonlyArray<{ id: string }>): Set<string> {
  const still = new Set(found.map((row) => row.id));
  return new Set(ids.filter((id) => !still.has(id)));
}
