import type { Catalog, CatalogModel, CatalogProvider } from './catalog-schema.js';

/**
 * Constant-time lookups over a validated catalog. Provider ids match exactly; model ids match
 * case-insensitively. Every lookup returns `undefined` when nothing matches; none throws.
 *
 * The index keeps references to the catalog's objects: build a new catalog (for example with
 * base URL overrides applied) rather than mutating one behind an index.
 */
export class CatalogIndex {
  readonly version: string;
  readonly #providers: readonly CatalogProvider[];
  readonly #providerById = new Map<string, CatalogProvider>();
  /** providerId → lowercased model id → model. */
  readonly #modelsByProvider = new Map<string, Map<string, CatalogModel>>();
  readonly #modelListByProvider = new Map<string, readonly CatalogModel[]>();
  /** Lowercased model id → the model of the first provider (in file order) that lists it. */
  readonly #defaultModel = new Map<string, CatalogModel>();

  constructor(catalog: Catalog) {
    this.version = catalog.version;
    this.#providers = Object.freeze([...catalog.providers]);
    const lists = new Map<string, CatalogModel[]>();
    for (const provider of catalog.providers) {
      if (!this.#providerById.has(provider.id)) {
        this.#providerById.set(provider.id, provider);
        this.#modelsByProvider.set(provider.id, new Map());
        lists.set(provider.id, []);
      }
    }
    for (const model of catalog.models) {
      const byId = this.#modelsByProvider.get(model.provider);
      const list = lists.get(model.provider);
      if (byId === undefined || list === undefined) {
        continue; // unknown provider: loadCatalog rejects this, a hand-built catalog just skips it
      }
      const key = model.id.toLowerCase();
      if (!byId.has(key)) {
        byId.set(key, model);
        list.push(model);
      }
    }
    for (const [providerId, list] of lists) {
      this.#modelListByProvider.set(providerId, Object.freeze(list));
    }
    // Walk providers in file order so the first provider listing an id becomes its default.
    for (const provider of this.#providerById.values()) {
      for (const [key, model] of this.#modelsByProvider.get(provider.id) ?? []) {
        if (!this.#defaultModel.has(key)) {
          this.#defaultModel.set(key, model);
        }
      }
    }
  }

  /** The provider with exactly this id. */
  provider(id: string): CatalogProvider | undefined {
    return this.#providerById.get(id);
  }

  /** All providers, in file order. */
  providers(): readonly CatalogProvider[] {
    return this.#providers;
  }

  /** The model `modelId` (any case) of provider `providerId` (exact). */
  model(providerId: string, modelId: string): CatalogModel | undefined {
    return this.#modelsByProvider.get(providerId)?.get(modelId.toLowerCase());
  }

  /** The models of a provider in file order; `undefined` for an unknown provider. */
  modelsOf(providerId: string): readonly CatalogModel[] | undefined {
    return this.#modelListByProvider.get(providerId);
  }

  /**
   * The provider that serves a bare model id (any case): the first provider, in file order,
   * whose catalog models include it.
   */
  defaultProviderFor(modelId: string): CatalogProvider | undefined {
    const model = this.#defaultModel.get(modelId.toLowerCase());
    return model === undefined ? undefined : this.#providerById.get(model.provider);
  }

  /** The catalog model a bare model id (any case) resolves to; see `defaultProviderFor`. */
  defaultModelFor(modelId: string): CatalogModel | undefined {
    return this.#defaultModel.get(modelId.toLowerCase());
  }
}
