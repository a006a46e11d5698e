import type { AppliedPricing, CostBreakdown } from '../credits/attempt-cost.js';
import { formatNanoUsd } from './usd-decimal.js';

/** One priced component: how many tokens, and what they cost. */
export interface ChargeComponentView {
  tokens: number;
  costNanoUsd: number;
  cost: string;
}

export interface ChargeView {
  /** The catalog price's `effectiveFrom`, or null when the model cost was not charged (BYOK). */
  effectiveFrom: string | null;
  /** The long-context tier applied, or null for the base prices. */
  tier: { aboveInputTokens: number } | null;
  /** The unit prices charged, USD per 1M tokens as exact decimal strings; null where not charged. */
  unitPricesPerMTok: Record<
    'input' | 'cachedInput' | 'cacheWrite5m' | 'cacheWrite1h' | 'output' | 'fee',
    string | null
  >;
  components: Record<keyof CostBreakdown['nanoUsd'], ChargeComponentView>;
}

/**
 * What an attempt was charged, component by component, at the unit prices stored with it
 * (never the catalog's current ones). Null for events recorded before breakdowns were stored.
 */
export function chargeView(pricingJson: string | null, breakdownJson: string | null): ChargeView | null {
  if (pricingJson === null || breakdownJson === null) return null;
  const pricing = JSON.parse(pricingJson) as AppliedPricing;
  const breakdown = JSON.parse(breakdownJson) as CostBreakdown;
  const unit = pricing.model?.nanoPerMTok;
  // nano-USD per 1M tokens over 1e9 is USD per 1M tokens: the same digits, nine of them fraction.
  const usd = (nano: number | undefined) => (nano === undefined ? null : formatNanoUsd(nano, 9));
  const component = (tokens: number, costNanoUsd: number): ChargeComponentView => ({
    tokens,
    costNanoUsd,
    cost: formatNanoUsd(costNanoUsd, 9),
  });
  const { tokens, nanoUsd } = breakdown;
  const allTokens =
    tokens.input +
    tokens.cachedInput +
    tokens.cacheWrite5m +
    tokens.cacheWrite1h +
    tokens.output +
    tokens.reasoning;
  return {
    effectiveFrom: pricing.model?.effectiveFrom ?? null,
    tier: pricing.model?.tier ?? null,
    unitPricesPerMTok: {
      input: usd(unit?.input),
      cachedInput: usd(unit?.cachedInput),
      cacheWrite5m: usd(unit?.cacheWrite5m),
      cacheWrite1h: usd(unit?.cacheWrite1h),
      output: usd(unit?.output),
      fee: usd(pricing.feeNanoPerMTok),
    },
    components: {
      input: component(tokens.input, nanoUsd.input),
      cachedInput: component(tokens.cachedInput, nanoUsd.cachedInput),
      cacheWrite5m: component(tokens.cacheWrite5m, nanoUsd.cacheWrite5m),
      cacheWrite1h: component(tokens.cacheWrite1h, nanoUsd.cacheWrite1h),
      output: component(tokens.output, nanoUsd.output),
      reasoning: component(tokens.reasoning, nanoUsd.reasoning),
      fee: component(allTokens, nanoUsd.fee),
    },
  };
}
