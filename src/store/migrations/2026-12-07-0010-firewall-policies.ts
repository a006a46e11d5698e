import type { Kysely } from 'kysely';

/**
 * Firewall policies for tool calls (issue 16, part 2): the policies, the configuration column
 * that attaches one, and what each usage event records of the firewall's decision (nullable:
 * requests under no policy, and older events, have none).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('firewall_policies')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('description', 'text')
    .addColumn('mode', 'text', (column) => column.notNull())
    .addColumn('rules_json', 'text', (column) => column.notNull())
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('last_updated_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('firewall_policies_account_idx')
    .on('firewall_policies')
    .columns(['account_id', 'id'])
    .execute();
  await db.schema.alterTable('access_key_configurations').addColumn('firewall_policy_id', 'text').execute();
  for (const column of ['firewall_policy_id', 'firewall_rule', 'firewall_decision']) {
    await db.schema.alterTable('usage_events').addColumn(column, 'text').execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['firewall_decision', 'firewall_rule', 'firewall_policy_id']) {
    await db.schema.alterTable('usage_events').dropColumn(column).execute();
  }
  await db.schema.alterTable('access_key_configurations').dropColumn('firewall_policy_id').execute();
  await db.schema.dropTable('firewall_policies').execute();
}
