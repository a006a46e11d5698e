import { describe, expect, it } from 'vitest';
import type { ModelPricing } from '../../providers/catalog/catalog-schema.js';
import { attemptCost, attemptCostBound } from './attempt-cost.js';
import { tieredPricing as pricing, usageOf as usage } from './cost-fixtures.js';

describe('attemptCost', () => {
  it('prices each token class on its own, reasoning at the output price, plus the fee on all tokens', () => {
    // 100 in: 10 cache reads, 30 cache writes (12 of them for an hour), 60 uncached; 50 out, 20 reasoning.
    const cost = attemptCost(
      usage({
        inputTokens: 100,
        outputTokens: 50,
        cacheReadTokens: 10,
        cacheWriteTokens: 30,
        cacheWrite1hTokens: 12,
        reasoningTokens: 20,
      }),
      'ngrok',
      pricing,
      0.05,
    );
    expect(cost.breakdown.tokens).toEqual({
      input: 60,
      cachedInput: 10,
      cacheWrite5m: 18,
      cacheWrite1h: 12,
      output: 30,
      reasoning: 20,
    });
    expect(cost.breakdown.nanoUsd).toEqual({
      input: 60 * 3_000,
      cachedInput: 10 * 300,
      cacheWrite5m: 18 * 3_750,
      cacheWrite1h: 12 * 6_000,
      output: 30 * 15_000,
      reasoning: 20 * 15_000,
      fee: 150 * 50,
    });
    expect(cost.costNanoUsd).toBe(180_000 + 3_000 + 67_500 + 72_000 + 450_000 + 300_000 + 7_500);
    expect(cost.pricing).toEqual({
      feePerMTokUsd: 0.05,
      feeNanoPerMTok: 50_000_000,
      model: {
        effectiveFrom: '2026-01-01',
        tier: null,
        nanoPerMTok: {
          input: 3e9,
          cachedInput: 3e8,
          cacheWrite5m: 3.75e9,
          cacheWrite1h: 6e9,
          output: 15e9,
        },
      },
    });
  });

  it('charges every token of a request whose whole input is above a threshold at that tier', () => {
    const atThreshold = attemptCost(usage({ inputTokens: 1_000, outputTokens: 10 }), 'ngrok', pricing, 0);
    expect(atThreshold.pricing.model?.tier).toBeNull();
    expect(atThreshold.costNanoUsd).toBe(1_000 * 3_000 + 10 * 15_000);
    // Cache reads count towards the threshold: 990 uncached + 11 read is above 1,000.
    const above = attemptCost(
      usage({ inputTokens: 1_001, cacheReadTokens: 11, outputTokens: 10 }),
      'ngrok',
      pricing,
      0,
    );
    expect(above.pricing.model?.tier).toEqual({ aboveInputTokens: 1_000 });
    expect(above.costNanoUsd).toBe(990 * 6_000 + 11 * 600 + 10 * 22_500);
  });

  it('rounds each component down to the nano-dollar on its own', () => {
    // 7 tokens at $0.00015/MTok are 1.05 nano: 1; 1 token at $0.0003/MTok is 0.3 nano: nothing.
    const cheap: ModelPricing = { effectiveFrom: '2026-01-01', inputPerMTok: 0.00015, outputPerMTok: 0.0003 };
    const cost = attemptCost(usage({ inputTokens: 7, outputTokens: 1 }), 'ngrok', cheap, 0);
    expect(cost.breakdown.nanoUsd.input).toBe(1);
    expect(cost.breakdown.nanoUsd.output).toBe(0);
    expect(cost.costNanoUsd).toBe(1);
  });

  it('charges only the fee with a user (BYOK) key, and records no model price', () => {
    const cost = attemptCost(usage({ inputTokens: 100, outputTokens: 50 }), 'user', pricing, 1);
    expect(cost.costNanoUsd).toBe(150 * 1_000);
    expect(cost.pricing.model).toBeNull();
    expect(cost.breakdown.nanoUsd.input).toBe(0);
  });

  it('never counts a token twice when a provider reports more cached or reasoning tokens than it had', () => {
    const cost = attemptCost(
      usage({
        inputTokens: 10,
        cacheReadTokens: 8,
        cacheWriteTokens: 8,
        cacheWrite1hTokens: 9,
        outputTokens: 3,
        reasoningTokens: 5,
      }),
      'ngrok',
      pricing,
      0,
    );
    expect(cost.breakdown.tokens).toEqual({
      input: 0,
      cachedInput: 8,
      cacheWrite5m: 0,
      cacheWrite1h: 2,
      output: 0,
      reasoning: 3,
    });
  });
});

describe('attemptCostBound', () => {
  it('is never below the cost of any usage within its token bounds', () => {
    const bound = attemptCostBound(2_000, 100, 'ngrok', pricing, 0.05);
    // Every input token a 1-hour write at the long-context tier, every output token at its output price.
    expect(bound).toBe(2_000 * 12_000 + 100 * 22_500 + 2_100 * 50);
    for (const fields of [
      { inputTokens: 2_000, cacheWriteTokens: 2_000, cacheWrite1hTokens: 2_000, outputTokens: 100 },
      { inputTokens: 1_001, outputTokens: 100, reasoningTokens: 100 },
      { inputTokens: 900, cacheWriteTokens: 900, outputTokens: 100 },
    ]) {
      expect(attemptCost(usage(fields), 'ngrok', pricing, 0.05).costNanoUsd).toBeLessThanOrEqual(bound);
    }
  });

  it('holds only the fee for a user key', () => {
    expect(attemptCostBound(1_000, 100, 'user', pricing, 1)).toBe(1_100 * 1_000);
  });
});
