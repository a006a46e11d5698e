import type { ModelPricing, PriceTier } from './catalog-schema.js';
import { priceToNanoPerMTok } from './pricing.js';

/**
 * One set of unit prices in integer nano-USD per 1M tokens, every fallback resolved: a cache
 * read without its own price costs input, a cache write without its own prices costs input.
 */
export interface NanoPrices {
  input: number;
  cachedInput: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  output: number;
}

export interface NanoTier {
  aboveInputTokens: number;
  prices: NanoPrices;
}

/** A model's prices as metering uses them: converted once, never per request. */
export interface PriceTable {
  effectiveFrom: string;
  base: NanoPrices;
  /** Ascending by threshold. */
  tiers: readonly NanoTier[];
}

/** The prices that apply to one request, and the tier they come from (null: the base prices). */
export interface AppliedPrices {
  prices: NanoPrices;
  tier: NanoTier | null;
}

const tables = new WeakMap<ModelPricing, PriceTable>();

function nanoPrices(set: ModelPricing | PriceTier): NanoPrices {
  const input = priceToNanoPerMTok(set.inputPerMTok);
  return {
    input,
    cachedInput: set.cachedInputPerMTok === undefined ? input : priceToNanoPerMTok(set.cachedInputPerMTok),
    cacheWrite5m:
      set.cacheWritePerMTok === undefined ? input : priceToNanoPerMTok(set.cacheWritePerMTok['5m']),
    cacheWrite1h:
      set.cacheWritePerMTok === undefined ? input : priceToNanoPerMTok(set.cacheWritePerMTok['1h']),
    output: priceToNanoPerMTok(set.outputPerMTok),
  };
}

/**
 * The nano-dollar price table of a catalog price. `parseCatalog` builds every model's table as
 * it loads the catalog, so a request only reads the memo (keyed by the catalog's own object,
 * which a reload replaces rather than mutates).
 */
export function priceTableOf(pricing: ModelPricing): PriceTable {
  let table = tables.get(pricing);
  if (table === undefined) {
    table = Object.freeze({
      effectiveFrom: pricing.effectiveFrom,
      base: Object.freeze(nanoPrices(pricing)),
      tiers: Object.freeze(
        (pricing.tiers ?? []).map((tier) =>
          Object.freeze({ aboveInputTokens: tier.aboveInputTokens, prices: Object.freeze(nanoPrices(tier)) }),
        ),
      ),
    });
    tables.set(pricing, table);
  }
  return table;
}

/** The highest tier whose threshold the request's whole input (cache reads and writes included) is above. */
export function pricesFor(table: PriceTable, inputTokens: number): AppliedPrices {
  let applied: AppliedPrices = { prices: table.base, tier: null };
  for (const tier of table.tiers) {
    if (inputTokens > tier.aboveInputTokens) applied = { prices: tier.prices, tier };
  }
  return applied;
}
