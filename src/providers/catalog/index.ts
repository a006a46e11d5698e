export { CatalogIndex } from './catalog-index.js';
export {
  apiSurfaceSchema,
  type Catalog,
  type CatalogInput,
  type CatalogModel,
  type CatalogProvider,
  catalogModelSchema,
  catalogProviderSchema,
  catalogSchema,
  MAX_PRICE_PER_MTOK_USD,
  type ModelPricing,
  modelPricingSchema,
  wireFormatSchema,
} from './catalog-schema.js';
export {
  CatalogError,
  type CatalogIssue,
  loadCatalog,
  parseCatalog,
  shippedCatalogPath,
} from './load-catalog.js';
export { costFromNanoPerMTok, costNanoUsd, priceToNanoPerMTok } from './pricing.js';
