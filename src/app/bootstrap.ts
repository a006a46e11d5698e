import { sql } from 'kysely';
import { insertAccount } from '../domain/accounts/account-repository.js';
import { TokenKeyRepository } from '../domain/token-key-repository.js';
import { parseToken } from '../domain/tokens.js';
import type { Store } from '../store/connect.js';
import type { ApiKeyRow } from '../store/schema.js';

export interface BootstrapResult {
  accountId: string;
  apiKeyId: string;
  /** The new operator token when one was minted (print it once); undefined when it came from the environment. */
  mintedToken: string | undefined;
}

/**
 * On an empty database: the `default` account and its operator API key. Runs under a lock on
 * Postgres so that instances starting together create exactly one.
 */
export async function bootstrapIfEmpty(
  store: Store,
  givenToken: string | undefined,
): Promise<BootstrapResult | undefined> {
  const given = givenToken === undefined ? undefined : parseToken(givenToken);
  if (givenToken !== undefined && given?.kind !== 'tgapi') {
    throw new Error('TOLLGATE_BOOTSTRAP_API_KEY: must have the form tgapi-<publicId>-g1-<secret>');
  }
  return store.db.transaction().execute(async (transaction) => {
    if (store.dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(727274)`.execute(transaction);
    const existing = await transaction.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
    if (existing) return undefined;
    const account = await insertAccount(transaction, 'default');
    const apiKeys = new TokenKeyRepository<'api_keys', ApiKeyRow>(transaction, 'api_keys');
    const created = await apiKeys.create(
      account.id,
      undefined,
      { name: 'bootstrap operator key', is_operator: 1 },
      given,
    );
    return {
      accountId: account.id,
      apiKeyId: created.row.id,
      mintedToken: given ? undefined : created.token,
    };
  });
}
