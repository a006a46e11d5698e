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

/** Per fee: the text when no model price applies (BYOK, or a model without a price). */
const unpricedByFee = new Map<number, string>();
/** Per price set (the catalog's frozen objects), per fee and tier: the text with the model's prices. */
const pricedBySet = new WeakMap<object, Map<string, string>>();

/** `JSON.stringify(pricing)`: the same few texts over and over, so each is made once. */
export function pricingJson(pricing: AppliedPricing): string {
  const { model } = pricing;
  if (model === null) {
    let text = unpricedByFee.get(pricing.feePerMTokUsd);
    if (text === undefined) {
      text = JSON.stringify(pricing);
      // The fee is one setting: the map holds one entry, or a few across reloads of it.
      if (unpricedByFee.size < 64) unpricedByFee.set(pricing.feePerMTokUsd, text);
    }
    return text;
  }
  let texts = pricedBySet.get(model.nanoPerMTok);
  if (texts === undefined) {
    texts = new Map();
    pricedBySet.set(model.nanoPerMTok, texts);
  }
  const key = `${pricing.feePerMTokUsd}|${model.effectiveFrom}|${model.tier?.aboveInputTokens ?? ''}`;
  let text = texts.get(key);
  if (text === undefined) {
    text = JSON.stringify(pricing);
    if (texts.size < 64) texts.set(key, text);
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
