import { presentedToken } from '../domain/access-keys/access-key-authenticator.js';
import type { TokenKeyRepository } from '../domain/token-key-repository.js';
import { parseToken, secretMatches } from '../domain/tokens.js';
import { TollgateError } from '../errors/tollgate-error.js';
import type { ApiKeyRow } from '../store/schema.js';

export interface ApiKeyIdentity {
  accountId: string;
  apiKeyId: string;
  isOperator: boolean;
}

/**
 * Management requests are few, so every one reads its key from the database: a deleted API
 * key stops working on the next request on every instance, with no cache to invalidate.
 */
export async function authenticateApiKey(
  repository: TokenKeyRepository<'api_keys', ApiKeyRow>,
  headers: Record<string, string | string[] | undefined>,
  markUsed: (id: string) => void,
): Promise<ApiKeyIdentity> {
  const token = presentedToken(headers);
  if (token === undefined) {
    throw new TollgateError('unauthorized', 'Send an API key as Authorization: Bearer tgapi-….', {
      headers: { 'www-authenticate': 'Bearer realm="tollgate-admin"' },
    });
  }
  const parsed = parseToken(token);
  if (parsed?.kind === 'tg') {
    throw new TollgateError(
      'wrong_key_kind',
      'This is an access key (tg-…), which belongs on the gateway listener; the management API takes an API key (tgapi-…).',
    );
  }
  const row = parsed ? await repository.findByPublicId(parsed.publicId) : undefined;
  if (!parsed || !row || !secretMatches(parsed.secret, row.secret_hash)) {
    throw new TollgateError('unauthorized', 'The API key is invalid or has been deleted.', {
      headers: { 'www-authenticate': 'Bearer realm="tollgate-admin", error="invalid_token"' },
    });
  }
  markUsed(row.id);
  return { accountId: row.account_id, apiKeyId: row.id, isOperator: row.is_operator === 1 };
}
