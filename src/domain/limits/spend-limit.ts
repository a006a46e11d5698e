import { type Kysely, sql } from 'kysely';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { Database } from '../../store/schema.js';
import { nanoPerCent } from '../usage/usd-decimal.js';

/** A configuration's spend limit as it applies to one access key now. */
export interface SpendLimitHold {
  accessKeyId: string;
  limitCents: number;
  period: 'day' | 'week' | 'month' | 'total';
  /** ISO start of the current period. */
  since: string;
}

/**
 * Inside the reservation's transaction: the key's spend this period plus what its requests in
 * flight hold, plus this hold, must stay within the limit. The key's row is locked first, so
 * on Postgres two instances admit one request of a key at a time (SQLite is serial anyway):
 * concurrent requests cannot overshoot the limit together.
 */
export async function checkSpendInTransaction(
  transaction: Kysely<Database>,
  limit: SpendLimitHold,
  amountNanoUsd: number,
): Promise<void> {
  await transaction
    .updateTable('access_keys')
    .set({ updated_at: sql`updated_at` })
    .where('id', '=', limit.accessKeyId)
    .execute();
  const spent = await spentSince(transaction, limit.accessKeyId, limit.since);
  const heldRow = await transaction
    .selectFrom('credit_reservations')
    .select((eb) => eb.fn.sum<number | string | null>('amount_nano_usd').as('held'))
    .where('access_key_id', '=', limit.accessKeyId)
    .executeTakeFirst();
  const held = Number(heldRow?.held ?? 0);
  if (spent + held + amountNanoUsd > limit.limitCents * nanoPerCent) throw spendLimitError(limit);
}

export async function spentSince(db: Kysely<Database>, accessKeyId: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('usage_events')
    .select((eb) => eb.fn.sum<number | string | null>('cost_nano_usd').as('spent'))
    .where('access_key_id', '=', accessKeyId)
    .where('event_time', '>=', since)
    .executeTakeFirst();
  return Number(row?.spent ?? 0);
}

export function spendLimitError(limit: Pick<SpendLimitHold, 'limitCents' | 'period'>): TollgateError {
  return new TollgateError(
    'spend_limit_exceeded',
    `Spend limit of ${limit.limitCents} cents per ${limit.period} reached.`,
  );
}

/** Periods start at UTC boundaries: midnight, Monday, the 1st; `total` is all time. */
export function periodStart(period: SpendLimitHold['period'], now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'day') return day.toISOString();
  if (period === 'week') {
    const sinceMonday = (day.getUTCDay() + 6) % 7;
    return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString();
  }
  if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  return new Date(0).toISOString();
}
