import type { Kysely } from 'kysely';

/**
 * Virtual models (a stable name standing for an ordered list of targets), the virtual model a
 * usage event was served under, and opt-in request captures with the account's capture settings.
 * `name_key` is the lower-cased name: model names match case-insensitively, so uniqueness does too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('virtual_models')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('name_key', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('targets_json', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('last_updated_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .addUniqueConstraint('virtual_models_account_name_unique', ['account_id', 'name_key'])
    .execute();

  await db.schema.alterTable('usage_events').addColumn('virtual_model', 'text').execute();

  // Sealed with the provider-key encryption key; the sweeper deletes rows past `expires_at`.
  await db.schema
    .createTable('request_captures')
    .addColumn('request_id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('sealed', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('request_captures_expires_at')
    .on('request_captures')
    .column('expires_at')
    .execute();

  // NULL = off / the default, like the other gateway settings.
  for (const column of ['capture_enabled', 'capture_retention_seconds', 'capture_max_body_bytes']) {
    await db.schema.alterTable('gateway_configs').addColumn(column, 'integer').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['capture_max_body_bytes', 'capture_retention_seconds', 'capture_enabled']) {
    await db.schema.alterTable('gateway_configs').dropColumn(column).execute();
  }
  await db.schema.dropTable('request_captures').execute();
  await db.schema.alterTable('usage_events').dropColumn('virtual_model').execute();
  await db.schema.dropTable('virtual_models').execute();
}
