import type { Kysely } from 'kysely';
import { CreditLedger } from '../../src/domain/credits/credit-ledger.js';
import { newId } from '../../src/domain/ids.js';
import type { Database } from '../../src/store/schema.js';

/** A new, empty account row, for tests that call the domain directly (no admin API around it). */
export async function insertTestAccount(db: Kysely<Database>): Promise<string> {
  const id = newId('acct');
  const now = new Date().toISOString();
  await db.insertInto('accounts').values({ id, name: id, created_at: now, updated_at: now }).execute();
  return id;
}

/** A new account with one purchased grant of `amountNanoUsd` that never expires. */
export async function fundedTestAccount(db: Kysely<Database>, amountNanoUsd: number): Promise<string> {
  const id = await insertTestAccount(db);
  await new CreditLedger(db).grant(id, {
    amountNanoUsd,
    category: 'purchase',
    expiresAt: null,
    createdBy: 'test',
  });
  return id;
}
