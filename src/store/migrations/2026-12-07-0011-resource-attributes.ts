import type { Kysely } from 'kysely';

/** The tables whose resources keep their fields without a column of their own in `attributes_json`. */
const tables = ['virtual_models', 'custom_providers', 'firewall_policies'];

/**
 * `attributes_json` (issue 18): a JSON object holding every field of a resource's spec that has
 * no dedicated column (`store/stored-fields.ts`), so that adding an optional field to a resource
 * needs no column and no migration. Existing rows have no such fields yet: `{}`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) {
    await db.schema
      .alterTable(table)
      .addColumn('attributes_json', 'text', (column) => column.notNull().defaultTo('{}'))
      .execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of tables) await db.schema.alterTable(table).dropColumn('attributes_json').execute();
}
