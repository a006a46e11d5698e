import { LRUCache } from 'lru-cache';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import type { ProviderKeyRepository, UsableProviderKey } from './provider-key-repository.js';

/**
 * Decrypted provider keys per (account, provider), so the hot path neither queries nor
 * decrypts. Any write to an account's provider keys drops that account's entries everywhere.
 */
export class ProviderKeyCache {
  private readonly cache = new LRUCache<string, UsableProviderKey[]>({ max: 10_000, ttl: 60_000 });
  /** Counts invalidations, so keys read before a rotation or deletion landed are not cached after it. */
  private generation = 0;

  constructor(
    private readonly repository: ProviderKeyRepository,
    private readonly bus: InvalidationBus,
  ) {
    bus.subscribe((message) => {
      if (message === 'all') this.cache.clear();
      else if (message.kind === 'provider-keys') this.dropAccount(message.key);
      else return;
      this.generation++;
    });
  }

  async keysFor(accountId: string, providerId: string): Promise<UsableProviderKey[]> {
    const cacheKey = `${accountId}\u0000${providerId}`;
    const cachingAllowed = this.bus.cachingAllowed();
    if (cachingAllowed) {
      const cached = this.cache.get(cacheKey);
      if (cached) return cached;
    }
    const generation = this.generation;
    const keys = await this.repository.usableKeysFor(accountId, providerId);
    if (cachingAllowed && generation === this.generation) this.cache.set(cacheKey, keys);
    return keys;
  }

  /** Called after any provider-key write: local entries now, other instances through the bus. */
  async changed(accountId: string): Promise<void> {
    await this.bus.publish({ kind: 'provider-keys', key: accountId });
  }

  private dropAccount(accountId: string): void {
    const prefix = `${accountId}\u0000`;
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }
}
