import { parseArgs } from 'node:util';
import { loadSettings, SettingsError } from '../config/settings.js';
import { findAccount } from '../domain/accounts/account-repository.js';
import { TokenKeyRepository } from '../domain/token-key-repository.js';
import { openStore } from '../store/connect.js';
import { migrateToLatest } from '../store/migrate.js';
import type { ApiKeyRow } from '../store/schema.js';
import { write } from './output.js';

/** `tollgate api-keys create`: an operator key written straight to the database (recovery). */
export async function createApiKey(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, account: { type: 'string' } } });
  if (!values.name) throw new SettingsError('api-keys create needs --name NAME');
  const store = await openStore(loadSettings().database);
  try {
    await migrateToLatest(store.db);
    const account = values.account
      ? await findAccount(store.db, values.account)
      : await store.db.selectFrom('accounts').selectAll().orderBy('id').limit(1).executeTakeFirst();
    if (!account)
      throw new SettingsError(
        values.account ? `No account ${values.account}.` : 'No account yet: run serve once.',
      );
    const repository = new TokenKeyRepository<'api_keys', ApiKeyRow>(store.db, 'api_keys');
    const { row, token } = await repository.create(account.id, undefined, {
      name: values.name,
      is_operator: 1,
    });
    write(`Created API key ${row.id} in account ${account.id}. Token (shown once):\n\n  ${token}\n`);
  } finally {
    await store.close();
  }
}
