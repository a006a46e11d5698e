import { Counter, Gauge, type Registry } from 'prom-client';
import { BucketHistogram } from './bucket-histogram.js';

/** A cache's running counts (domain/invalidation/invalidated-cache.ts keeps them). */
export interface CacheStatistics {
  readonly name: string;
  readonly hits: number;
  readonly misses: number;
  readonly size: number;
}

/** This instance's credit leases now (domain/credits/credit-leases.ts). */
export interface LeaseState {
  accounts: number;
  leases: number;
  drainingLeases: number;
  leasedNanoUsd: number;
  heldNanoUsd: number;
  waitingRequests: number;
}

/**
 * Gauges and counters read from the running parts when the registry is scraped: cache hits and
 * misses, credit lease state. Plus the batch-size histogram, observed once per batch written.
 */
export function createStateMetrics(registry: Registry) {
  let caches: () => Iterable<CacheStatistics> = () => [];
  let leases: () => LeaseState | undefined = () => undefined;
  const cacheCounter = (name: string, help: string, pick: (cache: CacheStatistics) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        this.reset();
        for (const cache of caches()) this.inc({ cache: cache.name }, pick(cache));
      },
    });
  cacheCounter('tollgate_cache_hits_total', 'Lookups answered from a cache, by cache', (cache) => cache.hits);
  cacheCounter('tollgate_cache_misses_total', 'Lookups that had to load, by cache', (cache) => cache.misses);
  new Gauge({
    name: 'tollgate_cache_entries',
    help: 'Entries held by each cache',
    labelNames: ['cache'],
    registers: [registry],
    collect() {
      this.reset();
      for (const cache of caches()) this.set({ cache: cache.name }, cache.size);
    },
  });
  new Gauge({
    name: 'tollgate_credit_leases',
    help: "This instance's credit state: accounts served, leases (active, draining), amounts leased and held in USD, requests waiting for an admission",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      this.reset();
      const state = leases();
      if (state === undefined) return;
      this.set({ state: 'accounts' }, state.accounts);
      this.set({ state: 'leases' }, state.leases);
      this.set({ state: 'draining_leases' }, state.drainingLeases);
      this.set({ state: 'leased_usd' }, state.leasedNanoUsd / 1e9);
      this.set({ state: 'held_usd' }, state.heldNanoUsd / 1e9);
      this.set({ state: 'waiting_requests' }, state.waitingRequests);
    },
  });
  const batchSize = new BucketHistogram({
    name: 'tollgate_batch_size',
    help: 'Rows per database batch: settlement (group-committed paid requests) or usage (events that move no money)',
    labelNames: ['writer'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024],
    registers: [registry],
  });
  return {
    settlementBatch: batchSize.labels({ writer: 'settlement' }),
    usageBatch: batchSize.labels({ writer: 'usage' }),
    /** Where the cache and lease figures come from (set once the services exist). */
    watch(sources: { caches: () => Iterable<CacheStatistics>; leases: () => LeaseState }): void {
      caches = sources.caches;
      leases = sources.leases;
    },
  };
}
