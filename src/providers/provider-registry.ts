import type { CatalogIndex } from './catalog/catalog-index.js';
import type { ApiSurface, WireFormat } from './types.js';

/** A provider as the router uses it: built-in (catalog + operator overrides) or custom (per account). */
export interface ResolvedProvider {
  id: string;
  name: string;
  baseUrl: string;
  format: WireFormat;
  surfaces: readonly ApiSurface[];
  /** The operator's key for managed inference; undefined when this provider is BYOK only. */
  managedKey: string | undefined;
  builtIn: boolean;
  /** A custom provider's `aigp_…` id (allow-lists may name it); undefined for built-ins. */
  resourceId?: string | undefined;
  /** Custom providers whose host the operator did not allow-list are re-checked at connect time. */
  guardAddresses: boolean;
}

export interface ProviderOverrides {
  providerBaseUrls: ReadonlyMap<string, string>;
  managedApiKeys: ReadonlyMap<string, string>;
}

/**
 * Built-in providers with the operator's base URL overrides and managed keys applied, once per
 * catalog. A catalog reload swaps both in one assignment each; a request already routed keeps
 * the catalog model (and so the prices) it was planned with.
 */
export class BuiltInProviders {
  private providers = new Map<string, ResolvedProvider>();
  #catalog: CatalogIndex;

  constructor(
    catalog: CatalogIndex,
    private readonly overrides: ProviderOverrides,
  ) {
    this.#catalog = catalog;
    this.providers = resolve(catalog, overrides);
  }

  get catalog(): CatalogIndex {
    return this.#catalog;
  }

  /** Puts a newly loaded (already validated) catalog in force. */
  replace(catalog: CatalogIndex): void {
    this.providers = resolve(catalog, this.overrides);
    this.#catalog = catalog;
  }

  get(id: string): ResolvedProvider | undefined {
    return this.providers.get(id);
  }

  has(id: string): boolean {
    return this.providers.has(id);
  }

  all(): ResolvedProvider[] {
    return [...this.providers.values()];
  }
}

function resolve(catalog: CatalogIndex, overrides: ProviderOverrides): Map<string, ResolvedProvider> {
  const providers = new Map<string, ResolvedProvider>();
  for (const provider of catalog.providers()) {
    const baseUrl = overrides.providerBaseUrls.get(provider.id) ?? provider.baseUrl;
    providers.set(provider.id, {
      id: provider.id,
      name: provider.name,
      baseUrl: baseUrl.replace(/\/+$/, ''),
      format: provider.format,
      surfaces: provider.surfaces,
      managedKey: provider.managedInference ? overrides.managedApiKeys.get(provider.id) : undefined,
      builtIn: true,
      guardAddresses: false,
    });
  }
  return providers;
}
