import type { AppliedPricing, CostBreakdown } from '../credits/attempt-cost.js';

/**
 * The text columns of a usage event, made without the general-purpose work: every served request
 * writes one, and `JSON.stringify` of two nested objects plus `toISOString()` were ~2 µs of the
 * event loop per request (docs/benchmarks.md). Each function returns exactly what the general
 * form would (usage-event-text.test.ts compares them).
 */

let isoMs = Number.NaN;
let isoText = '';

/** `new Date().toISOString()`, formatted once per millisecond however many events share it. */
export function eventTimeNow(): string {
  const now = Date.now();
  if (now !== isoMs) {
    isoMs = now;
    isoText = new Date(now).toISOString();
  }
  return isoText;
}

/** Stands for "no model price" (BYOK, or a model without a price) among the price sets. */
const unpriced = {};
/**
 * Per price set, per fee: the text. A price set is one of the catalog's frozen price objects
 * (price-table.ts: a model's base prices or one of its tiers), so it alone fixes the rest of
 * the text (the prices' `effectiveFrom` and the tier); only the fee varies beside it.
 */
const textsByPriceSet = new WeakMap<object, Map<number, string>>();

/** `JSON.stringify(pricing)`: the same few texts over and over, so each is made once. */
export function pricingJson(pricing: AppliedPricing): string {
  const priceSet = pricing.model?.nanoPerMTok ?? unpriced;
  let byFee = textsByPriceSet.get(priceSet);
  if (byFee === undefined) {
    byFee = new Map();
    textsByPriceSet.set(priceSet, byFee);
  }
  let text = byFee.get(pricing.feePerMTokUsd);
  if (text === undefined) {
    text = JSON.stringify(pricing);
    // The fee is one setting: one entry, or a few across changes of it.
    if (byFee.size < 64) byFee.set(pricing.feePerMTokUsd, text);
  }
  return text;
}

/** A number as `JSON.stringify` writes it (a non-finite one as `null`). */
function json(value: number): string | number {
  return Number.isFinite(value) ? value : 'null';
}

/** `JSON.stringify(breakdown)`, in the key order `attemptCost` builds it in. */
export function costBreakdownJson(breakdown: CostBreakdown): string {
  const t = breakdown.tokens;
  const n = breakdown.nanoUsd;
  return (
    `{"tokens":{"input":${json(t.input)},"cachedInput":${json(t.cachedInput)},"cacheWrite5m":${json(t.cacheWrite5m)},` +
    `"cacheWrite1h":${json(t.cacheWrite1h)},"output":${json(t.output)},"reasoning":${json(t.reasoning)}},` +
    `"nanoUsd":{"input":${json(n.input)},"cachedInput":${json(n.cachedInput)},"cacheWrite5m":${json(n.cacheWrite5m)},` +
    `"cacheWrite1h":${json(n.cacheWrite1h)},"output":${json(n.output)},"reasoning":${json(n.reasoning)},"fee":${json(n.fee)}}}`
  );
}
