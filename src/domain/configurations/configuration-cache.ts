import { LRUCache } from 'lru-cache';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import { CompiledConfiguration } from './compiled-configuration.js';
import type { ConfigurationRepository } from './configuration-repository.js';

/**
 * Compiled configurations by id for the gateway. An edit publishes the id on the bus, so
 * the next request on any instance reads the new version.
 */
export class ConfigurationCache {
  private readonly cache = new LRUCache<string, CompiledConfiguration>({ max: 10_000, ttl: 60_000 });
  /** Counts invalidations, so a version read before an edit landed is not cached after it. */
  private generation = 0;

  constructor(
    private readonly repository: ConfigurationRepository,
    private readonly bus: InvalidationBus,
    private readonly isBuiltIn: (providerId: string) => boolean,
  ) {
    bus.subscribe((message) => {
      if (message === 'all') this.cache.clear();
      else if (message.kind === 'configuration') this.cache.delete(message.key);
      else return;
      this.generation++;
    });
  }

  async get(id: string): Promise<CompiledConfiguration | undefined> {
    const cachingAllowed = this.bus.cachingAllowed();
    if (cachingAllowed) {
      const cached = this.cache.get(id);
      if (cached) return cached;
    }
    const generation = this.generation;
    const configuration = await this.repository.getById(id);
    if (!configuration) return undefined;
    const compiled = new CompiledConfiguration(configuration, this.isBuiltIn);
    if (cachingAllowed && generation === this.generation) this.cache.set(id, compiled);
    return compiled;
  }

  async changed(id: string): Promise<void> {
    await this.bus.publish({ kind: 'configuration', key: id });
  }
}
