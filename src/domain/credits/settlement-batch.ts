import { type Kysely, sql } from 'kysely';
import type { Database, LedgerEntriesTable, NewUsageEvent } from '../../store/schema.js';
import { newId } from '../ids.js';
import { addKeySpend } from '../limits/key-spend.js';
import type { CreditHold } from './credit-hold.js';
import { consumeGrants } from './grants.js';
import { lockAccount } from './lease-store.js';

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

interface AccountTotals {
  charged: number;
  /** Released from `reserved`: lease consumption and exact holds, only for rows still there. */
  released: number;
}

/**
 * Writes many requests' settlements in one transaction: their usage events, ledger entries,
 * grant consumption, key spend totals and released holds, with one UPDATE per account (not per
 * request). Accounts are locked first, in id order, as every credit transaction does.
 *
 * A request's cost up to its hold is charged as `usage`; a provider count above the hold is
 * charged too, as an `overdraft` entry beside it. A lease hold consumes its cost (at most the
 * hold) from the lease; the rest of the hold stays in the lease for the instance's next requests.
 * An exact hold's row is deleted and its whole amount leaves `reserved`.
 */
export async function writeSettlements(
  transaction: Kysely<Database>,
  settlements: readonly Settlement[],
): Promise<SettlementEffects> {
  const accountIds = [...new Set(settlements.map((settlement) => settlement.event.account_id))].sort();
  for (const accountId of accountIds) await lockAccount(transaction, accountId);

  const covered = settlements.map(({ event, release }) =>
    release ? Math.min(event.cost_nano_usd, release.amountNanoUsd) : event.cost_nano_usd,
  );
  const goneLeases = await consumeLeases(transaction, settlements, covered);
  const goneReservations = await deleteReservations(transaction, settlements);

  const totals = new Map<string, AccountTotals>(accountIds.map((id) => [id, { charged: 0, released: 0 }]));
  const keySpend = new Map<string, { spent: number; released: number }>();
  const ledger: LedgerEntriesTable[] = [];
  const overdrawnAccounts = new Set<string>();
  for (const [index, { event, release }] of settlements.entries()) {
    const account = totals.get(event.account_id)!;
    const cost = event.cost_nano_usd;
    const part = covered[index]!;
    account.charged += cost;
    const key = keySpend.get(event.access_key_id) ?? { spent: 0, released: 0 };
    key.spent += cost;
    if (release?.source.kind === 'lease' && !goneLeases.has(release.source.lease.id))
      account.released += part;
    if (release?.source.kind === 'exact' && !goneReservations.has(release.source.reservation.id)) {
      account.released += release.amountNanoUsd;
      if (release.source.reservation.accessKeyId !== null) key.released += release.amountNanoUsd;
    }
    keySpend.set(event.access_key_id, key);
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
    if (cost > part) {
      ledger.push(entry('overdraft', cost - part));
      overdrawnAccounts.add(event.account_id);
    }
  }

  await transaction
    .insertInto('usage_events')
    .values(settlements.map((settlement) => settlement.event))
    .execute();
  if (ledger.length > 0) await transaction.insertInto('ledger_entries').values(ledger).execute();
  for (const accountId of accountIds) {
    const { charged, released } = totals.get(accountId)!;
    if (charged === 0 && released === 0) continue;
    await transaction
      .updateTable('accounts')
      .set({
        balance_nano_usd: sql`balance_nano_usd - ${charged}`,
        reserved_nano_usd: sql`reserved_nano_usd - ${released}`,
      })
      .where('id', '=', accountId)
      .execute();
    if (charged > 0) await consumeGrants(transaction, accountId, charged);
  }
  const at = new Date();
  for (const [accessKeyId, { spent, released }] of keySpend) {
    if (spent !== 0 || released !== 0) await addKeySpend(transaction, accessKeyId, spent, released, at);
  }
  return { covered, goneLeases, overdrawnAccounts };
}

/** Each lease gives up what its settled holds cost; a lease already freed by upkeep is reported gone. */
async function consumeLeases(
  transaction: Kysely<Database>,
  settlements: readonly Settlement[],
  covered: readonly number[],
): Promise<Set<string>> {
  const consumed = new Map<string, number>();
  settlements.forEach(({ release }, index) => {
    if (release?.source.kind !== 'lease') return;
    const { id } = release.source.lease;
    consumed.set(id, (consumed.get(id) ?? 0) + covered[index]!);
  });
  const gone = new Set<string>();
  for (const [id, amount] of [...consumed].sort(([a], [b]) => a.localeCompare(b))) {
    const result = await transaction
      .updateTable('credit_leases')
      .set({ amount_nano_usd: sql`amount_nano_usd - ${amount}` })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) gone.add(id);
  }
  return gone;
}

/** Exact holds end with their settlement; one freed by upkeep already (its instance seemed dead) is reported gone. */
async function deleteReservations(
  transaction: Kysely<Database>,
  settlements: readonly Settlement[],
): Promise<Set<string>> {
  const ids = settlements.flatMap(({ release }) =>
    release?.source.kind === 'exact' ? [release.source.reservation.id] : [],
  );
  if (ids.length === 0) return new Set();
  const deleted = await transaction
    .deleteFrom('credit_reservations')
    .where('id', 'in', ids)
    .returning('id')
    .execute();
  const still = new Set(deleted.map((row) => row.id));
  return new Set(ids.filter((id) => !still.has(id)));
}
