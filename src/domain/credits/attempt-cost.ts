import type { ModelPricing } from '../../providers/catalog/catalog-schema.js';
import {
  type NanoPrices,
  type PriceTable,
  pricesFor,
  priceTableOf,
} from '../../providers/catalog/price-table.js';
import { costFromNanoPerMTok, priceToNanoPerMTok } from '../../providers/catalog/pricing.js';
import type { NormalizedUsage } from '../../providers/types.js';

export type KeySource = 'ngrok' | 'user';

/**
 * The unit prices an attempt was charged at (nano-USD per 1M tokens), stored on its usage
 * event (`pricing_json`) so that a later catalog change never rewrites what it cost.
 */
export interface AppliedPricing {
  feePerMTokUsd: number;
  feeNanoPerMTok: number;
  /** Null when the model cost is not charged (a BYOK key, or a model without a price). */
  model: {
    effectiveFrom: string;
    /** The long-context tier applied, or null for the base prices. */
    tier: { aboveInputTokens: number } | null;
    nanoPerMTok: NanoPrices;
  } | null;
}

/** Nano-USD charged for each token class; their sum is the attempt's cost. */
export interface CostComponents {
  input: number;
  cachedInput: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  /** Output tokens other than reasoning. */
  output: number;
  /** Reasoning tokens, at the output price. */
  reasoning: number;
  fee: number;
}

/** How many tokens each component was charged for, beside what it cost (`cost_breakdown_json`). */
export interface CostBreakdown {
  tokens: Omit<CostComponents, 'fee'>;
  nanoUsd: CostComponents;
}

export interface AttemptCost {
  costNanoUsd: number;
  pricing: AppliedPricing;
  breakdown: CostBreakdown;
}

// The fee is one setting for the process: convert it once, not on every request.
let feeMemo = { usd: 0, nano: 0 };
function feeNano(feePerMTokUsd: number): number {
  if (feeMemo.usd !== feePerMTokUsd)
    feeMemo = { usd: feePerMTokUsd, nano: priceToNanoPerMTok(feePerMTokUsd) };
  return feeMemo.nano;
}

/**
 * The cost of one attempt in integer nano-dollars: the processing fee on all tokens, plus, for
 * managed inference, the model's catalog price (the tier the request's whole input falls in)
 * with each token class priced on its own: uncached input, cache reads, 5-minute and 1-hour
 * cache writes, output, and reasoning (at the output price). With a user (BYOK) key the provider
 * bills the model cost, so only the fee is charged. Each component is rounded down on its own
 * (pricing.ts), so an attempt is under-charged by at most a nano-dollar per component.
 */
export function attemptCost(
  usage: NormalizedUsage,
  keySource: KeySource,
  modelPricing: ModelPricing | undefined,
  feePerMTokUsd: number,
): AttemptCost {
  const feeNanoPerMTok = feeNano(feePerMTokUsd);
  const fee = costFromNanoPerMTok(usage.inputTokens + usage.outputTokens, feeNanoPerMTok);
  const tokens = tokenClasses(usage);
  const charged = keySource === 'ngrok' && modelPricing !== undefined;
  const applied = charged ? pricesFor(priceTableOf(modelPricing), usage.inputTokens) : undefined;
  const prices = applied?.prices;
  const at = (count: number, price: number | undefined) =>
    price === undefined ? 0 : costFromNanoPerMTok(count, price);
  const nanoUsd: CostComponents = {
    input: at(tokens.input, prices?.input),
    cachedInput: at(tokens.cachedInput, prices?.cachedInput),
    cacheWrite5m: at(tokens.cacheWrite5m, prices?.cacheWrite5m),
    cacheWrite1h: at(tokens.cacheWrite1h, prices?.cacheWrite1h),
    output: at(tokens.output, prices?.output),
    reasoning: at(tokens.reasoning, prices?.output),
    fee,
  };
  const costNanoUsd =
    nanoUsd.input +
    nanoUsd.cachedInput +
    nanoUsd.cacheWrite5m +
    nanoUsd.cacheWrite1h +
    nanoUsd.output +
    nanoUsd.reasoning +
    nanoUsd.fee;
  const model =
    applied && modelPricing
      ? {
          effectiveFrom: modelPricing.effectiveFrom,
          tier: applied.tier ? { aboveInputTokens: applied.tier.aboveInputTokens } : null,
          nanoPerMTok: applied.prices,
        }
      : null;
  return { costNanoUsd, pricing: { feePerMTokUsd, feeNanoPerMTok, model }, breakdown: { tokens, nanoUsd } };
}

/**
 * Splits the input into the classes priced apart. Cache reads and writes are part of
 * `inputTokens` (NormalizedUsage), so they are taken out of the uncached input, never below zero
 * whatever a provider reports; reasoning is taken out of output the same way.
 */
function tokenClasses(usage: NormalizedUsage): CostBreakdown['tokens'] {
  const cachedInput = Math.min(usage.cacheReadTokens, usage.inputTokens);
  const written = Math.min(usage.cacheWriteTokens, usage.inputTokens - cachedInput);
  const cacheWrite1h = Math.min(usage.cacheWrite1hTokens, written);
  const reasoning = Math.min(usage.reasoningTokens, usage.outputTokens);
  return {
    input: usage.inputTokens - cachedInput - written,
    cachedInput,
    cacheWrite5m: written - cacheWrite1h,
    cacheWrite1h,
    output: usage.outputTokens - reasoning,
    reasoning,
  };
}

/**
 * The most an attempt of at most `inputTokens` in and `outputTokens` out can cost, whatever the
 * provider reports within those bounds: every input token at the dearest input-side price
 * (a 1-hour cache write costs twice the input) and every output token at the dearest output
 * price, over the base prices and every tier the input can reach.
 */
export function attemptCostBound(
  inputTokens: number,
  outputTokens: number,
  keySource: KeySource,
  modelPricing: ModelPricing | undefined,
  feePerMTokUsd: number,
): number {
  const fee = costFromNanoPerMTok(inputTokens + outputTokens, feeNano(feePerMTokUsd));
  if (keySource !== 'ngrok' || modelPricing === undefined) return fee;
  const { inputSide, output } = dearestPrices(priceTableOf(modelPricing), inputTokens);
  return fee + costFromNanoPerMTok(inputTokens, inputSide) + costFromNanoPerMTok(outputTokens, output);
}

function dearestPrices(table: PriceTable, inputTokens: number): { inputSide: number; output: number } {
  let inputSide = 0;
  let output = 0;
  for (const prices of [
    table.base,
    ...table.tiers.filter((tier) => inputTokens > tier.aboveInputTokens).map((tier) => tier.prices),
  ]) {
    inputSide = Math.max(
      inputSide,
      prices.input,
      prices.cachedInput,
      prices.cacheWrite5m,
      prices.cacheWrite1h,
    );
    output = Math.max(output, prices.output);
  }
  return { inputSide, output };
}
