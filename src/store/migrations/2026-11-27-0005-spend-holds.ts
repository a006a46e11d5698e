import type { Kysely } from 'kysely';

/** A hold also counts against its access key's spend limit, so reservations remember the key. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credit_reservations').addColumn('access_key_id', 'text').execute();
  await db.schema
    .createIndex('credit_reservations_access_key_idx')
    .on('credit_reservations')
    .column('access_key_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('credit_reservations_access_key_idx').execute();
  await db.schema.alterTable('credit_reservations').dropColumn('access_key_id').execute();
}
