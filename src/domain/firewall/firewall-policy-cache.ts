import { InvalidatedCache } from '../invalidation/invalidated-cache.js';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import { CompiledPolicy } from './compiled-policy.js';
import type { FirewallPolicyRepository } from './firewall-policy-repository.js';

/**
 * Compiled policies by id for the gateway, like configurations: an edit publishes the id on the
 * invalidation bus, so the next request on any instance compiles the new version. Requests under
 * no policy never reach this cache.
 */
export class FirewallPolicyCache {
  private readonly cache: InvalidatedCache<CompiledPolicy>;

  constructor(
    private readonly repository: FirewallPolicyRepository,
    private readonly bus: InvalidationBus,
  ) {
    this.cache = new InvalidatedCache(bus, { kind: 'firewall-policy' });
  }

  get(id: string): Promise<CompiledPolicy | undefined> {
    return this.cache.get(id, async () => {
      const policy = await this.repository.getById(id);
      return policy && new CompiledPolicy(policy.id, policy.mode, policy.rules);
    });
  }

  async changed(id: string): Promise<void> {
    await this.bus.publish({ kind: 'firewall-policy', key: id });
  }
}
