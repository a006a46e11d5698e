import { TollgateError } from '../../errors/tollgate-error.js';
import type { AccessKeyRow } from '../../store/schema.js';
import { InvalidatedCache } from '../invalidation/invalidated-cache.js';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import type { TokenKeyRepository } from '../token-key-repository.js';
import { parseToken, secretMatches } from '../tokens.js';
import type { LastUsedTracker } from './last-used-tracker.js';

/** What the gateway knows about the caller once its access key checks out. */
export interface AccessKeyIdentity {
  accessKeyId: string;
  accountId: string;
  configurationId: string | null;
  name: string | null;
}

interface CachedKey extends AccessKeyIdentity {
  /** Decoded once when cached, so each request only hashes the presented secret. */
  secretHash: Buffer;
}

/**
 * Verifies access keys: parse strictly, look the row up by public id (cached), compare the
 * secret's hash in constant time. The cache is dropped per key when the bus says the key
 * changed, and bypassed entirely while cross-instance invalidation is not connected.
 */
export class AccessKeyAuthenticator {
  private readonly cache: InvalidatedCache<CachedKey>;

  constructor(
    private readonly repository: TokenKeyRepository<'access_keys', AccessKeyRow>,
    bus: InvalidationBus,
    private readonly lastUsed: LastUsedTracker,
  ) {
    this.cache = new InvalidatedCache(bus, { kind: 'access-key', max: 50_000 });
  }

  async authenticate(headers: Record<string, string | string[] | undefined>): Promise<AccessKeyIdentity> {
    const token = presentedToken(headers);
    if (token === undefined) {
      throw new TollgateError(
        'missing_access_key',
        'No access key was sent: use Authorization: Bearer tg-… or x-api-key.',
      );
    }
    const parsed = parseToken(token);
    if (!parsed) throw new TollgateError('invalid_access_key', 'The access key is malformed.');
    if (parsed.kind === 'tgapi') {
      throw new TollgateError(
        'wrong_key_kind',
        'This is a management API key (tgapi-…); the gateway takes an access key (tg-…). API keys belong on the admin listener.',
      );
    }
    // A cached key needs no promise: most requests are answered from the cache.
    const key = this.cache.cached(parsed.publicId) ?? (await this.lookup(parsed.publicId));
    if (!key || !secretMatches(parsed.secret, key.secretHash)) {
      throw new TollgateError('invalid_access_key', 'The access key is unknown or has been deleted.');
    }
    this.lastUsed.markUsed(key.accessKeyId);
    const { secretHash: _secretHash, ...identity } = key;
    return identity;
  }

  private lookup(publicId: string): Promise<CachedKey | undefined> {
    return this.cache.get(publicId, async () => {
      const row = await this.repository.findByPublicId(publicId);
      return (
        row && {
          accessKeyId: row.id,
          accountId: row.account_id,
          configurationId: row.access_key_configuration_id,
          name: row.name,
          secretHash: Buffer.from(row.secret_hash, 'hex'),
        }
      );
    });
  }
}

/** The token from `Authorization: Bearer …` or `x-api-key` (both SDKs' conventions). */
export function presentedToken(headers: Record<string, string | string[] | undefined>): string | undefined {
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && authorization.length > 0) {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    return match?.[1]?.trim() ?? authorization.trim();
  }
  const apiKey = headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey.length > 0) return apiKey.trim();
  return undefined;
}
