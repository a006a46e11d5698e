import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';
import { nanoPerCent } from '../usage/usd-decimal.js';
import { periodStart, type SpendPeriod } from './spend-periods.js';

/** A configuration's spend limit as it applies to one access key now. */
export interface SpendLimitHold {
  accessKeyId: string;
  limitCents: number;
  period: SpendPeriod;
  /** ISO start of the current period. */
  since: string;
}

type PeriodColumns = { start: 'day_start' | 'week_start' | 'month_start'; spent: string };

const columnsOf: Record<Exclude<SpendPeriod, 'total'>, PeriodColumns> = {
  day: { start: 'day_start', spent: 'day_spent_nano_usd' },
  week: { start: 'week_start', spent: 'week_spent_nano_usd' },
  month: { start: 'month_start', spent: 'month_spent_nano_usd' },
};

/** The key's spend in the limit's period: a row kept for an earlier period counts as nothing spent. */
function spentExpression(limit: SpendLimitHold) {
  if (limit.period === 'total') return sql<number>`total_spent_nano_usd`;
  const columns = columnsOf[limit.period];
  return sql<number>`(CASE WHEN ${sql.ref(columns.start)} = ${limit.since} THEN ${sql.ref(columns.spent)} ELSE 0 END)`;
}

/** What the key spent this period and what its requests in flight hold (one primary-key read). */
export async function keySpendOf(
  db: Kysely<Database>,
  limit: SpendLimitHold,
): Promise<{ spent: number; held: number }> {
  const row = await db
    .selectFrom('key_spend')
    .select([spentExpression(limit).as('spent'), 'held_nano_usd'])
    .where('access_key_id', '=', limit.accessKeyId)
    .executeTakeFirst();
  return { spent: Number(row?.spent ?? 0), held: Number(row?.held_nano_usd ?? 0) };
}

/**
 * Inside an admission transaction: counts `amount` as held by the key when its spend this period,
 * what it already holds and `amount` together stay within the limit. One conditional UPDATE, so
 * concurrent admissions on any number of instances cannot overshoot the limit together.
 */
export async function holdKeySpend(
  transaction: Kysely<Database>,
  limit: SpendLimitHold,
  amountNanoUsd: number,
): Promise<boolean> {
  await transaction
    .insertInto('key_spend')
    .values({ access_key_id: limit.accessKeyId })
    .onConflict((conflict) => conflict.column('access_key_id').doNothing())
    .execute();
  const result = await transaction
    .updateTable('key_spend')
    .set({ held_nano_usd: sql`held_nano_usd + ${amountNanoUsd}` })
    .where('access_key_id', '=', limit.accessKeyId)
    .where(
      sql<boolean>`${spentExpression(limit)} + held_nano_usd + ${amountNanoUsd} <= ${limit.limitCents * nanoPerCent}`,
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A key's spend limit hold ends (its request settled, failed, or its instance died). */
export async function releaseKeySpend(
  transaction: Kysely<Database>,
  accessKeyId: string,
  amountNanoUsd: number,
): Promise<void> {
  await transaction
    .updateTable('key_spend')
    .set({ held_nano_usd: sql`held_nano_usd - ${amountNanoUsd}` })
    .where('access_key_id', '=', accessKeyId)
    .execute();
}

/**
 * The statement that adds settled spend to the key's running totals, for the settlement's
 * transaction. A period that began since the row was last written starts again from this spend;
 * spend of a period already over (a request settling just after midnight) counts in `total` only.
 */
export function addKeySpendQuery(
  db: Kysely<Database>,
  accessKeyId: string,
  spentNanoUsd: number,
  releasedHeldNanoUsd: number,
  at: Date,
) {
  const starts = {
    day: periodStart('day', at),
    week: periodStart('week', at),
    month: periodStart('month', at),
  };
  const roll = (period: keyof typeof columnsOf) => {
    const { start, spent } = columnsOf[period];
    const current = sql.ref(`key_spend.${start}`);
    return {
      [spent]: sql`CASE WHEN ${current} = ${starts[period]} THEN ${sql.ref(`key_spend.${spent}`)} + ${spentNanoUsd}
        WHEN ${current} < ${starts[period]} THEN ${spentNanoUsd} ELSE ${sql.ref(`key_spend.${spent}`)} END`,
      [start]: sql`CASE WHEN ${current} < ${starts[period]} THEN ${starts[period]} ELSE ${current} END`,
    };
  };
  return db
    .insertInto('key_spend')
    .values({
      access_key_id: accessKeyId,
      day_start: starts.day,
      day_spent_nano_usd: spentNanoUsd,
      week_start: starts.week,
      week_spent_nano_usd: spentNanoUsd,
      month_start: starts.month,
      month_spent_nano_usd: spentNanoUsd,
      total_spent_nano_usd: spentNanoUsd,
      held_nano_usd: -releasedHeldNanoUsd,
    })
    .onConflict((conflict) =>
      conflict.column('access_key_id').doUpdateSet({
        ...roll('day'),
        ...roll('week'),
        ...roll('month'),
        total_spent_nano_usd: sql`key_spend.total_spent_nano_usd + ${spentNanoUsd}`,
        held_nano_usd: sql`key_spend.held_nano_usd - ${releasedHeldNanoUsd}`,
      }),
    );
}
