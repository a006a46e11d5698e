import type { Kysely } from 'kysely';

/** Accounts, API keys, access keys, provider keys, usage events and the ledger. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();

  for (const table of ['api_keys', 'access_keys'] as const) {
    let builder = db.schema
      .createTable(table)
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
      .addColumn('public_id', 'text', (column) => column.notNull().unique())
      .addColumn('secret_hash', 'text', (column) => column.notNull())
      .addColumn('key_redacted', 'text', (column) => column.notNull())
      .addColumn('name', 'text')
      .addColumn('description', 'text')
      .addColumn('metadata', 'text')
      .addColumn('created_by', 'text', (column) => column.notNull())
      .addColumn('last_updated_by', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .addColumn('last_used', 'text');
    builder =
      table === 'api_keys'
        ? builder.addColumn('is_operator', 'integer', (column) => column.notNull().defaultTo(0))
        : builder.addColumn('access_key_configuration_id', 'text');
    await builder.execute();
    await db.schema.createIndex(`${table}_account_idx`).on(table).columns(['account_id', 'id']).execute();
  }

  await db.schema
    .createTable('provider_keys')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('provider_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('metadata', 'text')
    .addColumn('value_sealed', 'text', (column) => column.notNull())
    .addColumn('key_redacted', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('last_updated_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addColumn('last_used', 'text')
    .execute();
  await db.schema
    .createIndex('provider_keys_account_idx')
    .on('provider_keys')
    .columns(['account_id', 'provider_id', 'id'])
    .execute();

  await db.schema
    .createTable('usage_events')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('request_id', 'text', (column) => column.notNull())
    .addColumn('access_key_id', 'text', (column) => column.notNull())
    .addColumn('event_time', 'text', (column) => column.notNull())
    .addColumn('provider', 'text', (column) => column.notNull())
    .addColumn('provider_display_name', 'text', (column) => column.notNull())
    .addColumn('model', 'text', (column) => column.notNull())
    .addColumn('model_display_name', 'text', (column) => column.notNull())
    .addColumn('attempt_number', 'integer', (column) => column.notNull())
    .addColumn('is_final_attempt', 'integer', (column) => column.notNull())
    .addColumn('status_code', 'integer', (column) => column.notNull())
    .addColumn('timed_out', 'integer', (column) => column.notNull())
    .addColumn('is_error', 'integer', (column) => column.notNull())
    .addColumn('is_streaming', 'integer', (column) => column.notNull())
    .addColumn('stop_reason', 'text')
    .addColumn('input_tokens', 'integer', (column) => column.notNull())
    .addColumn('output_tokens', 'integer', (column) => column.notNull())
    .addColumn('cache_read_tokens', 'integer', (column) => column.notNull())
    .addColumn('cache_write_tokens', 'integer', (column) => column.notNull())
    .addColumn('reasoning_tokens', 'integer', (column) => column.notNull())
    .addColumn('cost_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('key_source', 'text', (column) => column.notNull())
    .addColumn('provider_key_id', 'text')
    .addColumn('provider_key_display_name', 'text')
    .addColumn('usage_estimated', 'integer', (column) => column.notNull())
    .addColumn('retry_action', 'text')
    .addColumn('completion', 'text', (column) => column.notNull())
    .addColumn('served', 'integer', (column) => column.notNull())
    .addColumn('upstream_duration_ms', 'integer', (column) => column.notNull())
    .addColumn('pricing_json', 'text')
    .execute();
  await db.schema
    .createIndex('usage_events_account_time_idx')
    .on('usage_events')
    .columns(['account_id', 'event_time'])
    .execute();
  await db.schema.createIndex('usage_events_request_idx').on('usage_events').column('request_id').execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull())
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('amount_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('request_id', 'text')
    .addColumn('usage_event_id', 'text')
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_account_idx')
    .on('ledger_entries')
    .columns(['account_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'ledger_entries',
    'usage_events',
    'provider_keys',
    'access_keys',
    'api_keys',
    'accounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
