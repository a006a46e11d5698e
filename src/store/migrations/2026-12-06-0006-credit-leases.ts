import { type Kysely, sql } from 'kysely';
import { periodStart } from '../../domain/limits/spend-periods.js';

/**
 * Credit leases and running spend totals.
 *
 * `credit_leases`: a slice of an account's available balance that one instance holds (counted
 * in `accounts.reserved_nano_usd`), so that its requests hold credits in memory; it expires
 * unless the instance renews it, and upkeep frees an expired one.
 *
 * `key_spend`: what each access key spent in the current day, week and month and in all, and
 * what its requests in flight hold against a spend limit, kept as usage settles, so that a spend
 * limit is one row's read, never a sum over history. Filled here from the usage so far.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('credit_leases')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('instance_id', 'text', (column) => column.notNull())
    .addColumn('amount_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('credit_leases_account_idx').on('credit_leases').column('account_id').execute();
  await db.schema
    .createIndex('credit_leases_instance_idx')
    .on('credit_leases')
    .column('instance_id')
    .execute();
  await db.schema.createIndex('credit_leases_expiry_idx').on('credit_leases').column('expires_at').execute();

  await db.schema
    .createTable('key_spend')
    .addColumn('access_key_id', 'text', (column) => column.primaryKey())
    .addColumn('day_start', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('day_spent_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('week_start', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('week_spent_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('month_start', 'text', (column) => column.notNull().defaultTo(''))
    .addColumn('month_spent_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('total_spent_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('held_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();

  const now = new Date();
  const [day, week, month] = [periodStart('day', now), periodStart('week', now), periodStart('month', now)];
  const spentSince = (since: string) =>
    sql`COALESCE(SUM(CASE WHEN event_time >= ${since} THEN cost_nano_usd ELSE 0 END), 0)`;
  await sql`
    INSERT INTO key_spend (access_key_id, day_start, day_spent_nano_usd, week_start, week_spent_nano_usd,
                           month_start, month_spent_nano_usd, total_spent_nano_usd, held_nano_usd)
    SELECT access_key_id, ${day}, ${spentSince(day)}, ${week}, ${spentSince(week)},
           ${month}, ${spentSince(month)}, COALESCE(SUM(cost_nano_usd), 0), 0
    FROM usage_events WHERE cost_nano_usd <> 0 GROUP BY access_key_id`.execute(db);
  // Holds of requests in flight during the upgrade keep counting against their key's limit.
  await sql`
    INSERT INTO key_spend (access_key_id, held_nano_usd)
    SELECT access_key_id, SUM(amount_nano_usd) FROM credit_reservations
    WHERE access_key_id IS NOT NULL GROUP BY access_key_id
    ON CONFLICT (access_key_id) DO UPDATE SET held_nano_usd = excluded.held_nano_usd`.execute(db);
  // It served the per-request spend sums that key_spend replaces; usage reads filter by account
  // and time first (usage_events_account_time_idx), and every usage event paid for its upkeep.
  await db.schema.dropIndex('usage_events_access_key_time_idx').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('usage_events_access_key_time_idx')
    .on('usage_events')
    .columns(['access_key_id', 'event_time'])
    .execute();
  await db.schema.dropTable('key_spend').execute();
  await db.schema.dropTable('credit_leases').execute();
}
