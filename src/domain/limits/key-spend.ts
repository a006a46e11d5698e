import { type Kysely, sql } from 'kysely';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { PortableQuery } from '../../store/portable-sql.js';
import { jsonRowsInsertQuery } from '../../store/postgres-statements.js';
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

export function spendLimitError(limit: Pick<SpendLimitHold, 'limitCents' | 'period'>): TollgateError {
  return new TollgateError(
    'spend_limit_exceeded',
    `Spend limit of ${limit.limitCents} cents per ${limit.period} reached.`,
  );
}

type PeriodColumns = {
  start: 'day_start' | 'week_start' | 'month_start';
  spent: 'day_spent_nano_usd' | 'week_spent_nano_usd' | 'month_spent_nano_usd';
};

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

/** A period that began since the row was last written starts again; spend of one already over counts in `total` only. */
function rollPeriod(period: keyof typeof columnsOf): string {
  const { start, spent } = columnsOf[period];
  return `${spent} = CASE WHEN key_spend.${start} = excluded.${start} THEN key_spend.${spent} + excluded.${spent}
      WHEN key_spend.${start} < excluded.${start} THEN excluded.${spent} ELSE key_spend.${spent} END,
    ${start} = CASE WHEN key_spend.${start} < excluded.${start} THEN excluded.${start} ELSE key_spend.${start} END`;
}

/** What one settlement batch adds to a key's running totals, and frees of what it held. */
export interface KeySpendChange {
  accessKeyId: string;
  spent: number;
  released: number;
}

const addSpendOnConflict = `ON CONFLICT (access_key_id) DO UPDATE SET
    ${rollPeriod('day')},
    ${rollPeriod('week')},
    ${rollPeriod('month')},
    total_spent_nano_usd = key_spend.total_spent_nano_usd + excluded.total_spent_nano_usd,
    held_nano_usd = key_spend.held_nano_usd + excluded.held_nano_usd`;

/** The change as a `key_spend` row, filed under the periods in which it settles (`at`). */
function keySpendRow({ accessKeyId, spent, released }: KeySpendChange, at: Date) {
  return {
    access_key_id: accessKeyId,
    day_start: periodStart('day', at),
    day_spent_nano_usd: spent,
    week_start: periodStart('week', at),
    week_spent_nano_usd: spent,
    month_start: periodStart('month', at),
    month_spent_nano_usd: spent,
    total_spent_nano_usd: spent,
    held_nano_usd: -released,
  };
}

const addKeySpendText = `INSERT INTO key_spend (access_key_id, day_start, day_spent_nano_usd, week_start,
    week_spent_nano_usd, month_start, month_spent_nano_usd, total_spent_nano_usd, held_nano_usd)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
  ${addSpendOnConflict}`;

/**
 * The statement that adds settled spend to the key's running totals (and frees what its exact
 * holds counted against its limit), for the settlement's transaction.
 */
export function addKeySpendQuery(change: KeySpendChange, at: Date): PortableQuery {
  // The row's fields are written in the columns' order.
  return { text: addKeySpendText, parameters: Object.values(keySpendRow(change, at)) };
}

/** Postgres: the same for every key of a batch in one statement, whose text is the same for any number. */
export function addKeysSpendOnPostgres(changes: readonly KeySpendChange[], at: Date): PortableQuery {
  return jsonRowsInsertQuery(
    'key_spend',
    changes.map((change) => keySpendRow(change, at)),
    ` ${addSpendOnConflict}`,
  );
}
