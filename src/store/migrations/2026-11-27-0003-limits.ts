import type { Kysely } from 'kysely';

/** Fixed-window counters for rate limits shared by every instance, and an index for spend sums per key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rate_counters')
    .addColumn('counter_key', 'text', (column) => column.notNull())
    .addColumn('window_start', 'bigint', (column) => column.notNull())
    .addColumn('amount', 'bigint', (column) => column.notNull())
    .addPrimaryKeyConstraint('rate_counters_pk', ['counter_key', 'window_start'])
    .execute();
  await db.schema
    .createIndex('usage_events_access_key_time_idx')
    .on('usage_events')
    .columns(['access_key_id', 'event_time'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('usage_events_access_key_time_idx').execute();
  await db.schema.dropTable('rate_counters').execute();
}
