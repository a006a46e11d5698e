import type { ResolvedProvider } from '../../providers/provider-registry.js';
import type { UpstreamAllowlist } from '../../upstream/address-guard.js';
import { InvalidatedCache } from '../invalidation/invalidated-cache.js';
import type { InvalidationBus } from '../invalidation/invalidation-bus.js';
import type { CustomProviderRepository } from './custom-provider-repository.js';
import { type CustomProviderEntry, resolveCustomProvider } from './resolve-custom-provider.js';

/** An account's custom providers by providerId, in creation order. */
type AccountProviders = ReadonlyMap<string, CustomProviderEntry>;

/**
 * The gateway's view of custom providers: one cached map per account (accounts have few
 * providers, and a miss for an unknown id is answered from the same map, so typos do not
 * query). Any write to an account's providers drops its entry on every instance.
 */
export class CustomProviderDirectory {
  private readonly cache: InvalidatedCache<AccountProviders>;

  constructor(
    private readonly repository: CustomProviderRepository,
    private readonly bus: InvalidationBus,
    private readonly allowlist: UpstreamAllowlist,
  ) {
    this.cache = new InvalidatedCache(bus, { kind: 'custom-providers' });
  }

  async get(accountId: string, providerId: string): Promise<ResolvedProvider | undefined> {
    return (await this.load(accountId)).get(providerId)?.provider;
  }

  async list(accountId: string): Promise<ResolvedProvider[]> {
    return [...(await this.load(accountId)).values()].map((entry) => entry.provider);
  }

  /** Declared model ids of one provider, or undefined when the account has no such provider. */
  async models(accountId: string, providerId: string): Promise<readonly string[] | undefined> {
    return (await this.load(accountId)).get(providerId)?.models;
  }

  /** Providers with their models, for `/v1/models`. */
  async entries(accountId: string): Promise<CustomProviderEntry[]> {
    return [...(await this.load(accountId)).values()];
  }

  /** Called after any write to an account's custom providers: local entry now, other instances through the bus. */
  async changed(accountId: string): Promise<void> {
    await this.bus.publish({ kind: 'custom-providers', key: accountId });
  }

  private load(accountId: string): Promise<AccountProviders> {
    return this.cache.get(accountId, async (): Promise<AccountProviders> => {
      const rows = await this.repository.listAll(accountId);
      return new Map(rows.map((row) => [row.provider_id, resolveCustomProvider(row, this.allowlist)]));
    });
  }
}
