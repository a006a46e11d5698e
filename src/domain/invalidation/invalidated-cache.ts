import { LRUCache } from 'lru-cache';
import type { CacheStatistics } from '../../observability/state-metrics.js';
import type { InvalidationBus, InvalidationKind } from './invalidation-bus.js';

export interface InvalidatedCacheOptions {
  /** The bus messages that drop entries of this cache. */
  kind: InvalidationKind;
  /**
   * How a message's key names entries: the entry itself (default), or every entry whose key
   * starts with it and a NUL (entries keyed `account\0provider`, dropped per account).
   */
  drop?: 'entry' | 'prefix';
  max?: number;
}

/**
 * A per-process cache kept honest by the invalidation bus, the one mechanism behind every
 * cache the gateway reads on its hot path:
 * - a message of its kind drops the entries it names, `'all'` drops everything;
 * - while the bus cannot guarantee delivery, the cache is bypassed, never trusted;
 * - a value loaded before an invalidation landed is not stored after it (a generation counter),
 *   so a deleted key or edited configuration is never cached stale.
 * Entries also expire after a minute, a safety net only.
 */
export class InvalidatedCache<Value extends object> {
  private readonly cache: LRUCache<string, Value>;
  private generation = 0;
  /** For /metrics: lookups answered from the cache, and those that loaded. */
  hits = 0;
  misses = 0;
  readonly name: string;

  constructor(
    private readonly bus: InvalidationBus,
    options: InvalidatedCacheOptions,
  ) {
    this.cache = new LRUCache<string, Value>({ max: options.max ?? 10_000, ttl: 60_000 });
    this.name = options.kind;
    registerCache(bus, this);
    bus.subscribe((message) => {
      if (message === 'all') this.cache.clear();
      else if (message.kind !== options.kind) return;
      else if (options.drop === 'prefix') this.dropPrefix(`${message.key}\u0000`);
      else this.cache.delete(message.key);
      this.generation++;
    });
  }

  /**
   * The cached value, if there is one and caching is trusted right now. Synchronous, so that a
   * hit (nearly every request) costs no promise; on undefined, {@link get} loads.
   */
  cached(key: string): Value | undefined {
    const value = this.bus.cachingAllowed() ? this.cache.get(key) : undefined;
    // A miss here is counted by the get() that follows it.
    if (value !== undefined) this.hits++;
    return value;
  }

  /** The cached value, or `load`'s (stored when caching is safe; an undefined result is not). */
  async get<Loaded extends Value | undefined>(
    key: string,
    load: () => Promise<Loaded>,
  ): Promise<Value | Loaded> {
    const cachingAllowed = this.bus.cachingAllowed();
    if (cachingAllowed) {
      const cached = this.cache.get(key);
      if (cached !== undefined) {
        this.hits++;
        return cached;
      }
    }
    this.misses++;
    const generation = this.generation;
    const value = await load();
    if (value !== undefined && cachingAllowed && generation === this.generation) this.cache.set(key, value);
    return value;
  }

  private dropPrefix(prefix: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(prefix)) this.cache.delete(key);
  }

  get size(): number {
    return this.cache.size;
  }
}

/** The caches on each bus (one bus per running Tollgate), for /metrics. */
const cachesByBus = new WeakMap<InvalidationBus, CacheStatistics[]>();

function registerCache(bus: InvalidationBus, cache: CacheStatistics): void {
  const caches = cachesByBus.get(bus) ?? [];
  caches.push(cache);
  cachesByBus.set(bus, caches);
}

/** The caches made on `bus`, with their hit and miss counts. */
export function cachesOf(bus: InvalidationBus): readonly CacheStatistics[] {
  return cachesByBus.get(bus) ?? [];
}
