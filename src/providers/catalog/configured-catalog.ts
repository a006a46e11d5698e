import type { Catalog } from './catalog-schema.js';
import { loadCatalog, parseCatalog, readCatalogFile } from './load-catalog.js';

/** Where the catalog in force came from. */
export type CatalogOrigin = 'shipped' | 'replaced' | 'overlaid';

export interface ConfiguredCatalog {
  catalog: Catalog;
  origin: CatalogOrigin;
  /** The operator's file (`TOLLGATE_CATALOG_FILE`), when one is set. */
  file: string | undefined;
}

/**
 * The catalog Tollgate runs with: the shipped one; or the operator's file instead of it; or,
 * when that file says `"overlay": true`, the shipped one with the file's providers and models
 * put in place of those with the same id (models: same provider, id in any case) and the others
 * added. The merged catalog is validated as a whole, so an overlay cannot leave a model without
 * its provider. Throws `CatalogError` naming the file and every bad field.
 */
export function loadConfiguredCatalog(file: string | undefined): ConfiguredCatalog {
  if (file === undefined) return { catalog: loadCatalog(), origin: 'shipped', file };
  const raw = readCatalogFile(file);
  const isOverlay = typeof raw === 'object' && raw !== null && 'overlay' in raw && raw.overlay === true;
  if (!isOverlay) return { catalog: parseCatalog(raw, file), origin: 'replaced', file };
  const top = parseCatalog(raw, file, true);
  return { catalog: parseCatalog(overlay(loadCatalog(), top), file), origin: 'overlaid', file };
}

function overlay(base: Catalog, top: Catalog): Catalog {
  const providers = new Map(base.providers.map((provider) => [provider.id, provider]));
  for (const provider of top.providers) providers.set(provider.id, provider);
  const modelKey = (model: { provider: string; id: string }) =>
    `${model.provider}\u0000${model.id.toLowerCase()}`;
  const models = new Map(base.models.map((model) => [modelKey(model), model]));
  for (const model of top.models) models.set(modelKey(model), model);
  return {
    version: top.version,
    // An overlay that reviewed nothing itself keeps the shipped review date.
    ...(top.reviewedOn !== undefined || base.reviewedOn !== undefined
      ? { reviewedOn: top.reviewedOn ?? base.reviewedOn }
      : {}),
    providers: [...providers.values()],
    models: [...models.values()],
  };
}
