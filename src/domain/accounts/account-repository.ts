import type { Kysely } from 'kysely';
import { nowIso, type Page, type PageRequest, toPage } from '../../store/paging.js';
import type { AccountRow, Database } from '../../store/schema.js';
import { newId } from '../ids.js';

export async function insertAccount(db: Kysely<Database>, name: string): Promise<AccountRow> {
  const now = nowIso();
  const row = { id: newId('acct'), name, created_at: now, updated_at: now };
  await db.insertInto('accounts').values(row).execute();
  return { ...row, balance_nano_usd: 0, reserved_nano_usd: 0 };
}

export async function findAccount(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listAccounts(db: Kysely<Database>, page: PageRequest): Promise<Page<AccountRow>> {
  let query = db
    .selectFrom('accounts')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.beforeId) query = query.where('id', '<', page.beforeId);
  return toPage(await query.execute(), page.limit);
}

export async function renameAccount(
  db: Kysely<Database>,
  id: string,
  name: string,
): Promise<AccountRow | undefined> {
  await db.updateTable('accounts').set({ name, updated_at: nowIso() }).where('id', '=', id).execute();
  return findAccount(db, id);
}
