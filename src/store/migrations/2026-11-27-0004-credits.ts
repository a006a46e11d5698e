import type { Kysely } from 'kysely';

/**
 * Credits: the account row holds the balance and the amount reserved by requests in flight
 * (so admission is one conditional UPDATE), grants keep what is left of each for expiry,
 * reservations remember what each request holds so a crashed instance's holds can be freed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('accounts')
    .addColumn('balance_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('accounts')
    .addColumn('reserved_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('credit_grants')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('category', 'text', (column) => column.notNull())
    .addColumn('amount_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('remaining_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('expired_nano_usd', 'bigint', (column) => column.notNull().defaultTo(0))
    .addColumn('expired_at', 'text')
    .addColumn('created_by', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('credit_grants_account_idx')
    .on('credit_grants')
    .columns(['account_id', 'expires_at'])
    .execute();

  await db.schema
    .createTable('credit_reservations')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
    .addColumn('request_id', 'text', (column) => column.notNull())
    .addColumn('amount_nano_usd', 'bigint', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema
    .createIndex('credit_reservations_expiry_idx')
    .on('credit_reservations')
    .column('expires_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('credit_reservations').execute();
  await db.schema.dropTable('credit_grants').execute();
  await db.schema.alterTable('accounts').dropColumn('reserved_nano_usd').execute();
  await db.schema.alterTable('accounts').dropColumn('balance_nano_usd').execute();
}
