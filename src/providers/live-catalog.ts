import { CatalogIndex } from './catalog/catalog-index.js';
import { type ConfiguredCatalog, loadConfiguredCatalog } from './catalog/configured-catalog.js';
import type { BuiltInProviders } from './provider-registry.js';

export interface CatalogInForce {
  configured: ConfiguredCatalog;
  /** When this process loaded it (ISO 8601). */
  loadedAt: string;
}

/**
 * The catalog this process prices and routes with, reloadable without a restart (SIGHUP). A
 * reload validates the whole file first and changes nothing when it is invalid, so a typo in
 * the file never takes prices away; usage events already written keep the prices they were
 * charged at (pricing_json), so a reload never changes history.
 */
export class LiveCatalog {
  #inForce: CatalogInForce;

  constructor(
    private readonly file: string | undefined,
    private readonly builtIns: BuiltInProviders,
    initial: ConfiguredCatalog,
  ) {
    this.#inForce = { configured: initial, loadedAt: new Date().toISOString() };
  }

  current(): CatalogInForce {
    return this.#inForce;
  }

  /** Loads the configured file again and puts it in force; throws `CatalogError` (and keeps the old one) when it is invalid. */
  reload(): CatalogInForce {
    const configured = loadConfiguredCatalog(this.file);
    this.builtIns.replace(new CatalogIndex(configured.catalog));
    this.#inForce = { configured, loadedAt: new Date().toISOString() };
    return this.#inForce;
  }
}
