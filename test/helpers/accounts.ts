import type { Kysely } from 'kysely';
import { newId } from '../../src/domain/ids.js';
import type { Database } from '../../src/store/schema.js';

/** A new, empty account row, for tests that call the domain directly (no admin API around it). */
export async function insertTestAccount(db: Kysely<Database>): Promise<string> {
  const id = newId('acct');
  const now = new Date().toISOString();
  await db.insertInto('accounts').values({ id, name: id, created_at: now, updated_at: now }).execute();
  return id;
}
