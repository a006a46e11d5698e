import { InvalidatedCache } from '../invalidation/invalidated-cache.js';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import type { ProviderKeyRepository, UsableProviderKey } from './provider-key-repository.js';

/** Entries are keyed `account\0provider`, so that a write drops the account's by prefix. */
function cacheKey(accountId: string, providerId: string): string {
  return `${accountId}\u0000${providerId}`;
}

/**
 * Decrypted provider keys per (account, provider), so the hot path neither queries nor
 * decrypts. Any write to an account's provider keys drops that account's entries everywhere.
 */
export class ProviderKeyCache {
  private readonly cache: InvalidatedCache<UsableProviderKey[]>;

  constructor(
    private readonly repository: ProviderKeyRepository,
    private readonly bus: InvalidationBus,
  ) {
    this.cache = new InvalidatedCache(bus, { kind: 'provider-keys', drop: 'prefix' });
  }

  keysFor(accountId: string, providerId: string): Promise<UsableProviderKey[]> {
    return this.cache.get(cacheKey(accountId, providerId), () =>
      this.repository.usableKeysFor(accountId, providerId),
    );
  }

  /** The cached keys, without a promise; undefined when {@link keysFor} must load them. */
  cachedKeysFor(accountId: string, providerId: string): UsableProviderKey[] | undefined {
    return this.cache.cached(cacheKey(accountId, providerId));
  }

  /** Called after any provider-key write: local entries now, other instances through the bus. */
  async changed(accountId: string): Promise<void> {
    await this.bus.publish({ kind: 'provider-keys', key: accountId });
  }
}
