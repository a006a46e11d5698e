import { type Kysely, sql } from 'kysely';
import { TollgateError } from '../../errors/tollgate-error.js';
import { nowIso } from '../../store/paging.js';
import type { CreditGrantRow, Database, NewUsageEvent } from '../../store/schema.js';
import { newId } from '../ids.js';
import { checkSpendInTransaction, type SpendLimitHold } from '../limits/spend-limit.js';

export interface CreditBalance {
  balanceNanoUsd: number;
  reservedNanoUsd: number;
}

/** What a request holds while it runs; settled (or released) exactly once. */
export interface Reservation {
  id: string;
  accountId: string;
  amountNanoUsd: number;
}

export interface GrantInput {
  amountNanoUsd: number;
  category: 'purchase' | 'promotional';
  /** null = never expires. */
  expiresAt: string | null;
  createdBy: string;
}

/**
 * The account's credits. Balance and reservations live on the account row, so admission is
 * one conditional UPDATE (no read-then-write race on any number of instances); grants keep
 * what is left of each, consumed earliest-expiry first, so expiry removes exactly the rest.
 */
export class CreditLedger {
  constructor(private readonly db: Kysely<Database>) {}

  async grant(accountId: string, input: GrantInput): Promise<CreditGrantRow> {
    const row: CreditGrantRow = {
      id: newId('cg'),
      account_id: accountId,
      category: input.category,
      amount_nano_usd: input.amountNanoUsd,
      remaining_nano_usd: input.amountNanoUsd,
      expires_at: input.expiresAt,
      expired_nano_usd: 0,
      expired_at: null,
      created_by: input.createdBy,
      created_at: nowIso(),
    };
    await this.db.transaction().execute(async (transaction) => {
      await transaction.insertInto('credit_grants').values(row).execute();
      await changeBalance(transaction, {
        accountId,
        kind: 'grant',
        amountNanoUsd: input.amountNanoUsd,
        createdAt: row.created_at,
      });
    });
    return row;
  }

  async balance(accountId: string): Promise<CreditBalance> {
    const row = await this.db
      .selectFrom('accounts')
      .select(['balance_nano_usd', 'reserved_nano_usd'])
      .where('id', '=', accountId)
      .executeTakeFirst();
    return {
      balanceNanoUsd: Number(row?.balance_nano_usd ?? 0),
      reservedNanoUsd: Number(row?.reserved_nano_usd ?? 0),
    };
  }

  /**
   * Holds `amount` against the available balance, atomically: the UPDATE only matches while
   * balance − reserved covers it, so concurrent requests can never hold more than there is.
   */
  async reserve(
    accountId: string,
    requestId: string,
    amountNanoUsd: number,
    holdMs: number,
    spendLimit?: SpendLimitHold,
  ): Promise<Reservation> {
    const now = Date.now();
    const reservation: Reservation = { id: newId('cr'), accountId, amountNanoUsd };
    const held = await this.db.transaction().execute(async (transaction) => {
      if (spendLimit) await checkSpendInTransaction(transaction, spendLimit, amountNanoUsd);
      const result = await transaction
        .updateTable('accounts')
        .set({ reserved_nano_usd: sql`reserved_nano_usd + ${amountNanoUsd}` })
        .where('id', '=', accountId)
        .where(sql<boolean>`balance_nano_usd - reserved_nano_usd >= ${amountNanoUsd}`)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await transaction
        .insertInto('credit_reservations')
        .values({
          id: reservation.id,
          account_id: accountId,
          access_key_id: spendLimit?.accessKeyId ?? null,
          request_id: requestId,
          amount_nano_usd: amountNanoUsd,
          expires_at: new Date(now + holdMs).toISOString(),
          created_at: new Date(now).toISOString(),
        })
        .execute();
      return true;
    });
    if (!held) {
      throw new TollgateError('insufficient_credits', 'The account has too few credits for this request.');
    }
    return reservation;
  }

  /** Keeps a live request's hold from being taken for a crashed instance's (a long stream renews it). */
  async extend(reservation: Reservation, holdMs: number): Promise<void> {
    await this.db
      .updateTable('credit_reservations')
      .set({ expires_at: new Date(Date.now() + holdMs).toISOString() })
      .where('id', '=', reservation.id)
      .execute();
  }

  /** Frees a hold without charging (the request ended before it cost anything). */
  async release(reservation: Reservation): Promise<void> {
    await this.db.transaction().execute((transaction) => releaseInTransaction(transaction, reservation));
  }

  /**
   * Inside the usage event's transaction: charge the actual cost (balance down, grants
   * consumed earliest expiry first) and, on the request's last attempt, free its hold.
   */
  async settleInTransaction(
    transaction: Kysely<Database>,
    event: NewUsageEvent,
    reservation: Reservation | undefined,
  ): Promise<void> {
    const cost = event.cost_nano_usd;
    if (cost !== 0) {
      await changeBalance(transaction, {
        accountId: event.account_id,
        kind: 'usage',
        amountNanoUsd: -cost,
        createdAt: event.event_time,
        requestId: event.request_id,
        usageEventId: event.id,
      });
      await consumeGrants(transaction, event.account_id, cost);
    }
    if (reservation) await releaseInTransaction(transaction, reservation);
  }

  /** Holds whose instance died (never settled by their deadline) are freed. */
  async releaseStaleReservations(now = new Date()): Promise<number> {
    const stale = await this.db
      .selectFrom('credit_reservations')
      .select(['id', 'account_id', 'amount_nano_usd'])
      .where('expires_at', '<', now.toISOString())
      .limit(500)
      .execute();
    for (const row of stale) {
      await this.release({
        id: row.id,
        accountId: row.account_id,
        amountNanoUsd: Number(row.amount_nano_usd),
      });
    }
    return stale.length;
  }

  /** Removes what is left of expired grants from the balance, with a ledger entry each. */
  async expireGrants(now = new Date()): Promise<number> {
    const due = await this.db
      .selectFrom('credit_grants')
      .select(['id', 'account_id'])
      .where('expires_at', '<=', now.toISOString())
      .where('expired_at', 'is', null)
      .limit(500)
      .execute();
    for (const grant of due) {
      await this.db.transaction().execute(async (transaction) => {
        await lockAccount(transaction, grant.account_id);
        const row = await transaction
          .selectFrom('credit_grants')
          .select(['remaining_nano_usd', 'expired_at'])
          .where('id', '=', grant.id)
          .executeTakeFirst();
        if (!row || row.expired_at !== null) return;
        const left = Number(row.remaining_nano_usd);
        const expiredAt = now.toISOString();
        await transaction
          .updateTable('credit_grants')
          .set({ remaining_nano_usd: 0, expired_nano_usd: left, expired_at: expiredAt })
          .where('id', '=', grant.id)
          .execute();
        if (left === 0) return;
        await changeBalance(transaction, {
          accountId: grant.account_id,
          kind: 'expiry',
          amountNanoUsd: -left,
          createdAt: expiredAt,
        });
      });
    }
    return due.length;
  }

  async grants(accountId: string): Promise<CreditGrantRow[]> {
    return this.db
      .selectFrom('credit_grants')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('id', 'desc')
      .execute();
  }
}

/** Deleting the row first makes release idempotent: a hold is freed once, by whoever gets there first. */
async function releaseInTransaction(transaction: Kysely<Database>, reservation: Reservation): Promise<void> {
  const deleted = await transaction
    .deleteFrom('credit_reservations')
    .where('id', '=', reservation.id)
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return;
  await transaction
    .updateTable('accounts')
    .set({ reserved_nano_usd: sql`reserved_nano_usd - ${reservation.amountNanoUsd}` })
    .where('id', '=', reservation.accountId)
    .execute();
}

/** Serialises grant bookkeeping per account on Postgres (SQLite transactions are serial already). */
async function lockAccount(transaction: Kysely<Database>, accountId: string): Promise<void> {
  await transaction
    .updateTable('accounts')
    .set({ balance_nano_usd: sql`balance_nano_usd` })
    .where('id', '=', accountId)
    .execute();
}

async function consumeGrants(
  transaction: Kysely<Database>,
  accountId: string,
  costNanoUsd: number,
): Promise<void> {
  const grants = await transaction
    .selectFrom('credit_grants')
    .select(['id', 'remaining_nano_usd'])
    .where('account_id', '=', accountId)
    .where('remaining_nano_usd', '>', 0)
    .orderBy(sql`expires_at IS NULL`)
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  let left = costNanoUsd;
  for (const grant of grants) {
    if (left <= 0) break;
    const take = Math.min(left, Number(grant.remaining_nano_usd));
    await transaction
      .updateTable('credit_grants')
      .set({ remaining_nano_usd: sql`remaining_nano_usd - ${take}` })
      .where('id', '=', grant.id)
      .execute();
    left -= take;
  }
}

interface LedgerEntry {
  accountId: string;
  kind: 'grant' | 'expiry' | 'usage';
  /** Positive credits the account, negative debits it. */
  amountNanoUsd: number;
  createdAt: string;
  requestId?: string;
  usageEventId?: string;
}

/** Every balance change, in the caller's transaction: the balance moves and the ledger says why. */
async function changeBalance(transaction: Kysely<Database>, entry: LedgerEntry): Promise<void> {
  await transaction
    .updateTable('accounts')
    .set({ balance_nano_usd: sql`balance_nano_usd + ${entry.amountNanoUsd}` })
    .where('id', '=', entry.accountId)
    .execute();
  await transaction
    .insertInto('ledger_entries')
    .values({
      id: newId('le'),
      account_id: entry.accountId,
      kind: entry.kind,
      amount_nano_usd: entry.amountNanoUsd,
      request_id: entry.requestId ?? null,
      usage_event_id: entry.usageEventId ?? null,
      created_at: entry.createdAt,
    })
    .execute();
}
