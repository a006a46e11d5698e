/** For the cost tests: a price list with a tier, and usages with only the counts a test names. */
import { noUsage } from '../../gateway/attempt-context.js';
import type { ModelPricing } from '../../providers/catalog/catalog-schema.js';
import type { NormalizedUsage } from '../../providers/types.js';

/** Prices whose nano values per token are distinct whole numbers, so every component is exact. */
export const tieredPricing: ModelPricing = {
  effectiveFrom: '2026-01-01',
  inputPerMTok: 3,
  outputPerMTok: 15,
  cachedInputPerMTok: 0.3,
  cacheWritePerMTok: { '5m': 3.75, '1h': 6 },
  tiers: [
    {
      aboveInputTokens: 1_000,
      inputPerMTok: 6,
      outputPerMTok: 22.5,
      cachedInputPerMTok: 0.6,
      cacheWritePerMTok: { '5m': 7.5, '1h': 12 },
    },
  ],
};

/** A usage with the counts given and every other class at zero. */
export const usageOf = (fields: Partial<NormalizedUsage>): NormalizedUsage => ({ ...noUsage, ...fields });
