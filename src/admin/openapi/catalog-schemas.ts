import type { SchemaObject } from './openapi-types.js';
import { arrayOf, int64, nullable, ref, responseObject, text, timestamp } from './schema-builders.js';

/** `GET /catalog`: the models and the prices in force (operator only). */

const usdPerMTok = (what: string): SchemaObject => ({
  type: 'number',
  minimum: 0,
  description: `USD per 1M ${what} tokens, as published.`,
});

const priceFields = {
  inputPerMTok: usdPerMTok('uncached input'),
  outputPerMTok: usdPerMTok('output (reasoning included)'),
  cachedInputPerMTok: nullable(usdPerMTok('cache-read input (null: priced as input)')),
  cacheWritePerMTok: nullable(
    responseObject(['5m', '1h'], {
      '5m': usdPerMTok('5-minute cache-write'),
      '1h': usdPerMTok('1-hour cache-write'),
    }),
  ),
};
const priceRequired = Object.keys(priceFields);

export const catalogSchemas: Record<string, SchemaObject> = {
  CatalogPriceTier: responseObject(['aboveInputTokens', ...priceRequired], {
    aboveInputTokens: int64(
      'Above this many input tokens (cache reads and writes included), every token of a request is priced here.',
    ),
    ...priceFields,
  }),
  CatalogPricing: responseObject(['effectiveFrom', ...priceRequired, 'tiers', 'verifiedAgainst'], {
    effectiveFrom: text('The day these prices took effect (YYYY-MM-DD).'),
    ...priceFields,
    tiers: arrayOf(ref('CatalogPriceTier'), 'Long-context tiers, ascending.'),
    verifiedAgainst: nullable(text('The public price page checked at the catalog review.')),
  }),
  CatalogModel: responseObject(
    ['provider', 'id', 'name', 'contextWindow', 'maxOutputTokens', 'retired', 'pricing'],
    {
      provider: text('Provider id.'),
      id: text('Model id.'),
      name: text('Display name.'),
      contextWindow: int64('Context window in tokens.'),
      maxOutputTokens: int64('Largest completion in tokens.'),
      retired: nullable(
        responseObject(['on', 'replacement'], {
          on: nullable(text('Retirement date (YYYY-MM-DD), when the provider published one.')),
          replacement: nullable(text('Suggested replacement model.')),
        }),
      ),
      pricing: {
        allOf: [ref('CatalogPricing')],
        nullable: true,
        description: 'Null when the model has no price.',
      },
    },
  ),
  Catalog: responseObject(['uri', 'version', 'reviewedOn', 'origin', 'loadedAt', 'models'], {
    uri: text('URI of this resource.'),
    version: text('Catalog version (YYYY-MM-DD).'),
    reviewedOn: nullable(text("When the prices were last checked against the providers' pages.")),
    origin: text('Where the catalog came from.', { enum: ['shipped', 'replaced', 'overlaid'] }),
    loadedAt: timestamp('When this process loaded it (start or the last SIGHUP reload).'),
    models: arrayOf(ref('CatalogModel'), 'Every model, in file order.'),
  }),
};
