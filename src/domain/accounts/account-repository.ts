import type { Kysely } from 'kysely';
import { nowIso } from '../../store/paging.js';
import type { AccountRow, Database } from '../../store/schema.js';
import { newId } from '../ids.js';

export async function insertAccount(db: Kysely<Database>, name: string): Promise<AccountRow> {
  const now = nowIso();
  const row: AccountRow = { id: newId('acct'), name, created_at: now, updated_at: now };
  await db.insertInto('accounts').values(row).execute();
  return row;
}

export async function findAccount(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
