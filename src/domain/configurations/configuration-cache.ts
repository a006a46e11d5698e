import { InvalidatedCache } from '../invalidation/invalidated-cache.js';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import { CompiledConfiguration } from './compiled-configuration.js';
import type { ConfigurationRepository } from './configuration-repository.js';

/**
 * Compiled configurations by id for the gateway. An edit publishes the id on the bus, so
 * the next request on any instance reads the new version.
 */
export class ConfigurationCache {
  private readonly cache: InvalidatedCache<CompiledConfiguration>;

  constructor(
    private readonly repository: ConfigurationRepository,
    private readonly bus: InvalidationBus,
    private readonly isBuiltIn: (providerId: string) => boolean,
  ) {
    this.cache = new InvalidatedCache(bus, { kind: 'configuration' });
  }

  get(id: string): Promise<CompiledConfiguration | undefined> {
    return this.cache.get(id, async () => {
      const configuration = await this.repository.getById(id);
      return configuration && new CompiledConfiguration(configuration, this.isBuiltIn);
    });
  }

  /** The cached configuration, without a promise; undefined when {@link get} must load it. */
  cached(id: string): CompiledConfiguration | undefined {
    return this.cache.cached(id);
  }

  async changed(id: string): Promise<void> {
    await this.bus.publish({ kind: 'configuration', key: id });
  }
}
