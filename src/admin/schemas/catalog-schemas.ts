import { z } from 'zod';
import { int64, text, timestamp } from './schema-fields.js';
import { component } from './schema-registry.js';

/** `GET /catalog`: the models and the prices in force (operator only). */

const usdPerMTok = (what: string) => z.number().min(0).describe(`USD per 1M ${what} tokens, as published.`);

const priceFields = {
  inputPerMTok: usdPerMTok('uncached input'),
  outputPerMTok: usdPerMTok('output (reasoning included)'),
  cachedInputPerMTok: usdPerMTok('cache-read input (null: priced as input)').nullable(),
  cacheWritePerMTok: z
    .object({ '5m': usdPerMTok('5-minute cache-write'), '1h': usdPerMTok('1-hour cache-write') })
    .nullable(),
};

export const catalogPriceTierSchema = component(
  'CatalogPriceTier',
  z.object({
    aboveInputTokens: int64(
      'Above this many input tokens (cache reads and writes included), every token of a request is priced here.',
    ),
    ...priceFields,
  }),
);

export const catalogPricingSchema = component(
  'CatalogPricing',
  z.object({
    effectiveFrom: text('The day these prices took effect (YYYY-MM-DD).'),
    ...priceFields,
    tiers: z.array(catalogPriceTierSchema).describe('Long-context tiers, ascending.'),
    verifiedAgainst: text('The public price page checked at the catalog review.').nullable(),
  }),
);

export const catalogModelViewSchema = component(
  'CatalogModel',
  z.object({
    provider: text('Provider id.'),
    id: text('Model id.'),
    name: text('Display name.'),
    contextWindow: int64('Context window in tokens.'),
    maxOutputTokens: int64('Largest completion in tokens.'),
    retired: z
      .object({
        on: text('Retirement date (YYYY-MM-DD), when the provider published one.').nullable(),
        replacement: text('Suggested replacement model.').nullable(),
      })
      .nullable(),
    pricing: catalogPricingSchema.nullable().describe('Null when the model has no price.'),
  }),
);

export const catalogViewSchema = component(
  'Catalog',
  z.object({
    uri: text('URI of this resource.'),
    version: text('Catalog version (YYYY-MM-DD).'),
    reviewedOn: text("When the prices were last checked against the providers' pages.").nullable(),
    origin: z.enum(['shipped', 'replaced', 'overlaid']).describe('Where the catalog came from.'),
    loadedAt: timestamp('When this process loaded it (start or the last SIGHUP reload).'),
    models: z.array(catalogModelViewSchema).describe('Every model, in file order.'),
  }),
);

export type CatalogPricingView = z.output<typeof catalogPricingSchema>;
export type CatalogView = z.output<typeof catalogViewSchema>;
