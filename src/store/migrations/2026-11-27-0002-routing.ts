import type { Kysely } from 'kysely';

/** Access key configurations, custom providers and per-account gateway settings. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('access_key_configurations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('metadata', 'text')
    .addColumn('access_json', 'text')
    .addColumn('router_json', 'text')
    .addColumn('limits_json', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('last_updated_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('access_key_configurations_account_idx')
    .on('access_key_configurations')
    .columns(['account_id', 'id'])
    .execute();

  await db.schema
    .createTable('custom_providers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('provider_id', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('base_url', 'text', (column) => column.notNull())
    .addColumn('metadata', 'text')
    .addColumn('supported_api_surfaces_json', 'text', (column) => column.notNull())
    .addColumn('models_json', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('last_updated_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('custom_providers_account_provider_unique', ['account_id', 'provider_id'])
    .execute();

  await db.schema
    .createTable('gateway_configs')
    .addColumn('account_id', 'text', (column) => column.primaryKey().references('accounts.id'))
    .addColumn('per_request_timeout_ms', 'integer')
    .addColumn('total_timeout_ms', 'integer')
    .addColumn('max_input_tokens', 'integer')
    .addColumn('max_output_tokens', 'integer')
    .addColumn('metadata', 'text')
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['gateway_configs', 'custom_providers', 'access_key_configurations']) {
    await db.schema.dropTable(table).execute();
  }
}
