import { z } from 'zod';
import type { ApiSurface, WireFormat } from '../types.js';

/**
 * Schema of the versioned provider + model catalog (`catalog.json`, or the file named by
 * `TOLLGATE_CATALOG_FILE`). Objects are strict: an unknown key is reported with its path,
 * so a typo in an optional field does not pass silently.
 *
 * Cross-record rules (unique ids, known providers, model surfaces offered by the provider)
 * need the whole file and are checked by `loadCatalog`.
 */

// Spelled as records so the compiler proves they list exactly the members of the shared unions.
const apiSurfaces = {
  'chat-completions': 'chat-completions',
  completions: 'completions',
  embeddings: 'embeddings',
  responses: 'responses',
  messages: 'messages',
} as const satisfies { [K in ApiSurface]: K };

const wireFormats = {
  openai: 'openai',
  anthropic: 'anthropic',
} as const satisfies { [K in WireFormat]: K };

export const apiSurfaceSchema = z.enum(apiSurfaces);
export const wireFormatSchema = z.enum(wireFormats);

/** Largest accepted price (USD per 1M tokens); keeps nano-dollar arithmetic within safe integers. */
export const MAX_PRICE_PER_MTOK_USD = 1_000_000;

const surfaceListSchema = z
  .array(apiSurfaceSchema)
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: 'surfaces must not repeat' });

const priceSchema = z.number().nonnegative().max(MAX_PRICE_PER_MTOK_USD);

const baseUrlSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute URL' });
    return;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: 'must use https:// (or http://)' });
  }
  if (value.endsWith('/')) {
    ctx.addIssue({ code: 'custom', message: 'must not end with a slash' });
  }
  if (url.hash !== '' || url.username !== '' || url.password !== '') {
    ctx.addIssue({ code: 'custom', message: 'must not carry credentials or a fragment' });
  }
});

export const catalogProviderSchema = z.strictObject({
  /** Lowercase id used in `provider:model` addresses and env names; matched exactly. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and dashes'),
  name: z.string().min(1),
  /** Upstream base URL including the version path, without a trailing slash. */
  baseUrl: baseUrlSchema,
  format: wireFormatSchema,
  surfaces: surfaceListSchema,
  /**
   * The provider MAY be offered as managed inference. Whether it actually is depends on an
   * operator key (`TOLLGATE_MANAGED_<ID>_API_KEY`) at run time, not on this flag alone.
   */
  managedInference: z.boolean(),
});

const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-27')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), 'must be a real calendar date');

/**
 * USD per 1M input tokens written to the provider's prompt cache, by how long the entry lives
 * (Anthropic: 5 minutes at 1.25× input, 1 hour at 2×). Both are required: a provider that
 * reports a 1-hour write must never have it priced as a 5-minute one by omission.
 */
const cacheWritePricesSchema = z.strictObject({
  '5m': priceSchema,
  '1h': priceSchema,
});

/** The prices of one direction-set; shared by the base price and each long-context tier. */
const priceSetFields = {
  /** USD per 1M uncached input tokens, as published. */
  inputPerMTok: priceSchema,
  /** USD per 1M output tokens (reasoning tokens included), as published. */
  outputPerMTok: priceSchema,
  /**
   * USD per 1M input tokens served from the provider's prompt cache. Absent when the provider
   * publishes no cache-read discount: such tokens are then priced at `inputPerMTok`.
   */
  cachedInputPerMTok: priceSchema.optional(),
  /** Absent when the provider does not bill cache writes apart: they are then priced as input. */
  cacheWritePerMTok: cacheWritePricesSchema.optional(),
};

/**
 * A long-context tier: once a request's input (cache reads and writes included) is above
 * `aboveInputTokens`, every token of that request is priced with this tier's prices, output
 * included (how Anthropic, Google and OpenAI publish their long-context prices).
 */
export const priceTierSchema = z.strictObject({
  aboveInputTokens: z.number().int().positive(),
  ...priceSetFields,
});

export const modelPricingSchema = z.strictObject({
  /** The day these prices took effect at the provider, `YYYY-MM-DD`; recorded on every charge. */
  effectiveFrom: isoDateSchema,
  ...priceSetFields,
  /** Ascending thresholds; each tier names every optional price the base names. */
  tiers: z.array(priceTierSchema).min(1).optional(),
  /** The public price page these prices were checked against at the catalog's review. */
  verifiedAgainst: z.url().optional(),
});

/** A model the provider no longer serves: routing refuses it with `model_retired`. */
export const modelRetirementSchema = z.strictObject({
  /** The provider's retirement date, `YYYY-MM-DD`, when it published one. */
  on: isoDateSchema.optional(),
  /** A catalog model id to suggest instead. */
  replacement: z.string().min(1).optional(),
});

export const catalogModelSchema = z.strictObject({
  /** The id sent upstream; looked up case-insensitively. */
  id: z.string().regex(/^\S+$/, 'must be non-empty and contain no whitespace'),
  provider: z.string().min(1),
  name: z.string().min(1),
  contextWindow: z.number().int().positive(),
  /** Largest completion the model can return; 0 for embedding models. */
  maxOutputTokens: z.number().int().nonnegative(),
  /** Omitted when the price is unknown. */
  pricing: modelPricingSchema.optional(),
  /** Request parameters the model rejects or ignores; the gateway strips them. */
  unsupportedParams: z.array(z.string().min(1)).default(() => []),
  /** Surfaces this model serves; absent means every surface of its provider. */
  surfaces: surfaceListSchema.optional(),
  retired: modelRetirementSchema.optional(),
});

export const catalogSchema = z.strictObject({
  /** Release date of the catalog data, `YYYY-MM-DD`. */
  version: isoDateSchema,
  /** The day the prices were last checked against the providers' public price pages. */
  reviewedOn: isoDateSchema.optional(),
  /**
   * An overlay (`TOLLGATE_CATALOG_FILE` only): its providers and models replace the shipped
   * entries with the same id and add the others; without it the file replaces the catalog.
   */
  overlay: z.boolean().optional(),
  providers: z.array(catalogProviderSchema),
  models: z.array(catalogModelSchema),
});

export type CatalogProvider = z.output<typeof catalogProviderSchema>;
export type CatalogModel = z.output<typeof catalogModelSchema>;
export type ModelPricing = z.output<typeof modelPricingSchema>;
export type PriceTier = z.output<typeof priceTierSchema>;
export type Catalog = z.output<typeof catalogSchema>;
/** The catalog as written in a file (defaults not yet applied). */
export type CatalogInput = z.input<typeof catalogSchema>;
