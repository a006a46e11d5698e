import { type Kysely, sql } from 'kysely';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { Database } from '../../store/schema.js';
import { newId } from '../ids.js';
import { holdKeySpend, type SpendLimitHold, spendLimitError } from '../limits/key-spend.js';

/** A request waiting for the database to admit it. */
export interface AdmissionWish {
  requestId: string;
  amountNanoUsd: number;
  /** Exact holds only: how long the hold lives unless renewed. */
  holdMs: number;
  /** The key's spend limit: such a request always takes an exact hold, counted in `key_spend`. */
  spendLimit: SpendLimitHold | undefined;
}

export type Admission =
  | { kind: 'lease' }
  | { kind: 'exact'; reservationId: string }
  | { kind: 'refused'; error: TollgateError };

export interface LeasePolicy {
  instanceId: string;
  /** The slice this instance would like (its recent hold rate × a horizon), before the bounds. */
  wantedSliceNanoUsd: number;
  minSliceNanoUsd: number;
  ttlMs: number;
  /** This instance's active lease of the account, to top up (absent: a new one is made). */
  leaseId: string | undefined;
  /** What that lease's requests spent since its row was last written: written down now. */
  leaseConsumedNanoUsd: number;
  /** A lease may be granted or topped up (false while the caller's lease is being returned, say). */
  leaseAllowed: boolean;
}

export interface AdmissionOutcome {
  admissions: Admission[];
  /**
   * What was added to the lease and what of its consumption was written down (a new row, whose
   * `id` differs from the policy's, wrote none).
   */
  lease?: GrownLease;
}

export interface GrownLease {
  id: string;
  addedNanoUsd: number;
  writtenDownNanoUsd: number;
  expiresAt: number;
}

/**
 * One transaction admitting every request an instance queued for an account: the account row
 * is locked first (as every credit transaction does, so they cannot deadlock), then either a
 * lease is granted or topped up to cover them all, or, when the account's available balance is
 * too small to slice, each request gets an exact hold in turn while it fits (first fit).
 *
 * A lease is at most a quarter of the available balance divided among the instances holding
 * leases of the account (this one included), and at least `minSliceNanoUsd` and twice what
 * is asked now; below that there is no lease. So a nearly empty account is served by exact
 * holds, freed at settlement for every instance alike, and is never overdrawn.
 */
export async function admitInTransaction(
  transaction: Kysely<Database>,
  accountId: string,
  wishes: readonly AdmissionWish[],
  policy: LeasePolicy,
): Promise<AdmissionOutcome> {
  const account = await lockAccount(transaction, accountId);
  const refuseAll = (message: string) => ({
    admissions: wishes.map(() => ({
      kind: 'refused' as const,
      error: new TollgateError('insufficient_credits', message),
    })),
  });
  if (!account) return refuseAll('The account has no credits.');
  if (account.balance < 0) {
    return refuseAll('The account is overdrawn: it takes paid requests again once its balance is positive.');
  }
  let available = account.balance - account.reserved;
  let reservedDelta = 0;
  const admissions: Admission[] = new Array(wishes.length);
  let lease: AdmissionOutcome['lease'];

  const leaseable = wishes.filter((wish) => wish.spendLimit === undefined);
  if (policy.leaseAllowed) {
    const demand = leaseable.reduce((total, wish) => total + wish.amountNanoUsd, 0);
    const holders = await otherLeaseHolders(transaction, accountId, policy.instanceId);
    const cap = Math.floor(available / (4 * (holders + 1)));
    const slice = Math.min(cap, Math.max(policy.wantedSliceNanoUsd, policy.minSliceNanoUsd, 2 * demand));
    if (slice >= policy.minSliceNanoUsd && slice >= 2 * demand) {
      lease = await growLease(transaction, accountId, slice, policy);
      reservedDelta += slice - lease.writtenDownNanoUsd;
      available -= slice;
      wishes.forEach((wish, index) => {
        if (wish.spendLimit === undefined) admissions[index] = { kind: 'lease' };
      });
    }
  }

  for (const [index, wish] of wishes.entries()) {
    if (admissions[index] !== undefined) continue;
    if (wish.amountNanoUsd > available) {
      admissions[index] = {
        kind: 'refused',
        error: new TollgateError('insufficient_credits', 'The account has too few credits for this request.'),
      };
      continue;
    }
    if (wish.spendLimit && !(await holdKeySpend(transaction, wish.spendLimit, wish.amountNanoUsd))) {
      admissions[index] = { kind: 'refused', error: spendLimitError(wish.spendLimit) };
      continue;
    }
    const now = Date.now();
    const reservationId = newId('cr');
    await transaction
      .insertInto('credit_reservations')
      .values({
        id: reservationId,
        account_id: accountId,
        access_key_id: wish.spendLimit?.accessKeyId ?? null,
        request_id: wish.requestId,
        amount_nano_usd: wish.amountNanoUsd,
        expires_at: new Date(now + wish.holdMs).toISOString(),
        created_at: new Date(now).toISOString(),
      })
      .execute();
    available -= wish.amountNanoUsd;
    reservedDelta += wish.amountNanoUsd;
    admissions[index] = { kind: 'exact', reservationId };
  }
  if (reservedDelta !== 0) await addReserved(transaction, accountId, reservedDelta);
  return lease ? { admissions, lease } : { admissions };
}

/**
 * Tops up this instance's lease, writing down what its requests spent, or makes a new one (none
 * yet, or upkeep freed it as expired: then its whole row went back, spent part included).
 */
async function growLease(
  transaction: Kysely<Database>,
  accountId: string,
  slice: number,
  policy: LeasePolicy,
): Promise<GrownLease> {
  const now = Date.now();
  const expiresAt = now + policy.ttlMs;
  if (policy.leaseId !== undefined) {
    const writtenDown = policy.leaseConsumedNanoUsd;
    const grown = await transaction
      .updateTable('credit_leases')
      .set({
        amount_nano_usd: sql`amount_nano_usd + ${slice - writtenDown}`,
        expires_at: new Date(expiresAt).toISOString(),
      })
      .where('id', '=', policy.leaseId)
      .executeTakeFirst();
    if (Number(grown.numUpdatedRows) === 1) {
      return { id: policy.leaseId, addedNanoUsd: slice, writtenDownNanoUsd: writtenDown, expiresAt };
    }
  }
  const id = newId('cl');
  await transaction
    .insertInto('credit_leases')
    .values({
      id,
      account_id: accountId,
      instance_id: policy.instanceId,
      amount_nano_usd: slice,
      expires_at: new Date(expiresAt).toISOString(),
      created_at: new Date(now).toISOString(),
    })
    .execute();
  return { id, addedNanoUsd: slice, writtenDownNanoUsd: 0, expiresAt };
}

async function otherLeaseHolders(
  transaction: Kysely<Database>,
  accountId: string,
  instanceId: string,
): Promise<number> {
  const row = await transaction
    .selectFrom('credit_leases')
    .select((eb) => eb.fn.count<number | string>('id').distinct().as('holders'))
    .where('account_id', '=', accountId)
    .where('instance_id', '<>', instanceId)
    .executeTakeFirst();
  return Number(row?.holders ?? 0);
}

/**
 * Locks the account row for the rest of the transaction (Postgres; SQLite transactions are
 * serial) and reads its balance. Every transaction that moves credits locks its accounts first,
 * in id order, before any lease or hold row, so two of them never wait on each other in a cycle.
 */
export async function lockAccount(
  transaction: Kysely<Database>,
  accountId: string,
): Promise<{ balance: number; reserved: number } | undefined> {
  const row = await transaction
    .updateTable('accounts')
    .set({ balance_nano_usd: sql`balance_nano_usd` })
    .where('id', '=', accountId)
    .returning(['balance_nano_usd', 'reserved_nano_usd'])
    .executeTakeFirst();
  return row && { balance: Number(row.balance_nano_usd), reserved: Number(row.reserved_nano_usd) };
}

export async function addReserved(transaction: Kysely<Database>, accountId: string, deltaNanoUsd: number) {
  await transaction
    .updateTable('accounts')
    .set({ reserved_nano_usd: sql`reserved_nano_usd + ${deltaNanoUsd}` })
    .where('id', '=', accountId)
    .execute();
}

/**
 * Gives a lease's whole row back to its account (idle, at shutdown, or expired). What its
 * requests spent was charged to the balance already, and is still part of the row and of
 * `reserved` until now; so the whole row leaves `reserved`, once.
 */
export async function returnLease(
  db: Kysely<Database>,
  lease: { id: string; accountId: string },
  onlyIfExpiredBefore?: string,
): Promise<boolean> {
  return db.transaction().execute(async (transaction) => {
    await lockAccount(transaction, lease.accountId);
    let query = transaction.deleteFrom('credit_leases').where('id', '=', lease.id);
    if (onlyIfExpiredBefore !== undefined) query = query.where('expires_at', '<', onlyIfExpiredBefore);
    const deleted = await query.returning('amount_nano_usd').executeTakeFirst();
    if (!deleted) return false;
    await addReserved(transaction, lease.accountId, -Number(deleted.amount_nano_usd));
    return true;
  });
}

/**
 * Extends every lease of this instance; answers which still exist (upkeep frees the lease of an
 * instance that did not renew in time) and which of their accounts are overdrawn beyond what
 * is reserved (their leases must stop taking holds).
 */
export async function renewLeases(
  db: Kysely<Database>,
  instanceId: string,
  expiresAt: number,
): Promise<{ alive: Set<string>; overdrawnAccounts: Set<string> }> {
  const rows = await db
    .updateTable('credit_leases')
    .set({ expires_at: new Date(expiresAt).toISOString() })
    .where('instance_id', '=', instanceId)
    .returning(['id', 'account_id'])
    .execute();
  const alive = new Set(rows.map((row) => row.id));
  const accountIds = [...new Set(rows.map((row) => row.account_id))];
  if (accountIds.length === 0) return { alive, overdrawnAccounts: new Set() };
  const overdrawn = await db
    .selectFrom('accounts')
    .select('id')
    .where('id', 'in', accountIds)
    .where(sql<boolean>`balance_nano_usd < reserved_nano_usd`)
    .execute();
  return { alive, overdrawnAccounts: new Set(overdrawn.map((row) => row.id)) };
}

/** Upkeep: leases past their expiry (their instance died or lost the database) go back to their accounts. */
export async function releaseExpiredLeases(db: Kysely<Database>, now: Date): Promise<number> {
  const cutoff = now.toISOString();
  const expired = await db
    .selectFrom('credit_leases')
    .select(['id', 'account_id'])
    .where('expires_at', '<', cutoff)
    .limit(500)
    .execute();
  let released = 0;
  for (const row of expired) {
    if (await returnLease(db, { id: row.id, accountId: row.account_id }, cutoff)) released++;
  }
  return released;
}
