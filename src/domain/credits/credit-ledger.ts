import { type Kysely, sql } from 'kysely';
import { nowIso } from '../../store/paging.js';
import type { CreditGrantRow, Database } from '../../store/schema.js';
import { newId } from '../ids.js';
import { releaseKeySpend } from '../limits/key-spend.js';
import type { CreditCategory } from './credit-categories.js';
import type { Reservation } from './credit-hold.js';
import { addReserved, lockAccount } from './lease-store.js';

export interface CreditBalance {
  balanceNanoUsd: number;
  reservedNanoUsd: number;
}

export interface GrantInput {
  amountNanoUsd: number;
  category: CreditCategory;
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

  /** Keeps a live request's exact hold from being taken for a crashed instance's (a long stream renews it). */
  async extend(reservation: Reservation, holdMs: number): Promise<void> {
    await this.db
      .updateTable('credit_reservations')
      .set({ expires_at: new Date(Date.now() + holdMs).toISOString() })
      .where('id', '=', reservation.id)
      .execute();
  }

  /** Frees an exact hold without charging (the request ended before it cost anything). */
  async release(reservation: Reservation): Promise<void> {
    await this.db.transaction().execute(async (transaction) => {
      await lockAccount(transaction, reservation.accountId);
      const deleted = await transaction
        .deleteFrom('credit_reservations')
        .where('id', '=', reservation.id)
        .executeTakeFirst();
      // Deleting the row first makes release idempotent: a hold is freed once, by whoever gets there first.
      if (Number(deleted.numDeletedRows) !== 1) return;
      await addReserved(transaction, reservation.accountId, -reservation.amountNanoUsd);
      if (reservation.accessKeyId !== null) {
        await releaseKeySpend(transaction, reservation.accessKeyId, reservation.amountNanoUsd);
      }
    });
  }

  /** Holds whose instance died (never settled by their deadline) are freed. */
  async releaseStaleReservations(now = new Date()): Promise<number> {
    const stale = await this.db
      .selectFrom('credit_reservations')
      .select(['id', 'account_id', 'amount_nano_usd', 'access_key_id'])
      .where('expires_at', '<', now.toISOString())
      .limit(500)
      .execute();
    for (const row of stale) {
      await this.release({
        id: row.id,
        accountId: row.account_id,
        amountNanoUsd: Number(row.amount_nano_usd),
        accessKeyId: row.access_key_id,
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

interface LedgerEntry {
  accountId: string;
  kind: 'grant' | 'expiry';
  /** Positive credits the account, negative debits it. */
  amountNanoUsd: number;
  createdAt: string;
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
      request_id: null,
      usage_event_id: null,
      created_at: entry.createdAt,
    })
    .execute();
}
