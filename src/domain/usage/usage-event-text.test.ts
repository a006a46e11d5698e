import { describe, expect, it } from 'vitest';
import { attemptCost, type CostBreakdown } from '../credits/attempt-cost.js';
import { tieredPricing as pricing, usageOf } from '../credits/cost-fixtures.js';
import { costBreakdownJson, eventTimeNow, pricingJson } from './usage-event-text.js';

const usage = (inputTokens: number, outputTokens: number, extra: Parameters<typeof usageOf>[0] = {}) =>
  usageOf({ inputTokens, outputTokens, ...extra });

describe('usage event text columns', () => {
  it('write what JSON.stringify writes, for BYOK, priced, tiered and fee-only attempts alike', () => {
    const cases = [
      attemptCost(usage(12, 7), 'user', undefined, 0),
      attemptCost(usage(12, 7), 'user', pricing, 0.05),
      attemptCost(usage(500, 40, { cacheReadTokens: 100, reasoningTokens: 9 }), 'ngrok', pricing, 0.05),
      attemptCost(usage(5_000, 40, { cacheWriteTokens: 300, cacheWrite1hTokens: 100 }), 'ngrok', pricing, 0),
      attemptCost(usage(0, 0), 'ngrok', undefined, 1.25),
    ];
    for (const cost of cases) {
      // Twice: the second answer comes from the memo.
      expect(pricingJson(cost.pricing)).toBe(JSON.stringify(cost.pricing));
      expect(pricingJson(cost.pricing)).toBe(JSON.stringify(cost.pricing));
      expect(costBreakdownJson(cost.breakdown)).toBe(JSON.stringify(cost.breakdown));
    }
    // The base prices and the tier above 1,000 input tokens are told apart.
    expect(pricingJson(cases[2]!.pricing)).not.toBe(pricingJson(cases[3]!.pricing));
  });

  it('writes a number JSON cannot hold as null, as JSON.stringify does', () => {
    const breakdown = attemptCost(usage(3, 4), 'user', undefined, 0).breakdown;
    const odd: CostBreakdown = {
      ...breakdown,
      tokens: { ...breakdown.tokens, output: Number.NaN, input: -0 },
    };
    expect(costBreakdownJson(odd)).toBe(JSON.stringify(odd));
  });

  it('stamps events with the current time in ISO 8601', () => {
    const before = Date.now();
    const stamped = eventTimeNow();
    const after = Date.now();
    expect(stamped).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(stamped)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(stamped)).toBeLessThanOrEqual(after);
  });
});
