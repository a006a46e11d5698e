import { describe, expect, it } from 'vitest';
import { loadCatalog } from './load-catalog.js';
import { costFromNanoPerMTok, costNanoUsd, priceToNanoPerMTok } from './pricing.js';

describe('priceToNanoPerMTok', () => {
  it('converts decimal USD prices exactly', () => {
    expect(priceToNanoPerMTok(2.5)).toBe(2_500_000_000);
    expect(priceToNanoPerMTok(0.15)).toBe(150_000_000);
    expect(priceToNanoPerMTok(0.075)).toBe(75_000_000);
    expect(priceToNanoPerMTok(0.0028)).toBe(2_800_000);
    expect(priceToNanoPerMTok(0.003625)).toBe(3_625_000);
    expect(priceToNanoPerMTok(1.005)).toBe(1_005_000_000); // 1.005 * 1e9 is 1004999999.9999999 in floats
    expect(priceToNanoPerMTok(0.123456789)).toBe(123_456_789);
    expect(priceToNanoPerMTok(0.1 + 0.2)).toBe(300_000_000);
    expect(priceToNanoPerMTok(0)).toBe(0);
  });

  it('rounds beyond nine decimals to the nearest nano', () => {
    expect(priceToNanoPerMTok(0.0000000004)).toBe(0);
    expect(priceToNanoPerMTok(0.0000000006)).toBe(1);
    expect(priceToNanoPerMTok(1.2345678914)).toBe(1_234_567_891);
    expect(priceToNanoPerMTok(1.2345678916)).toBe(1_234_567_892);
  });

  it('rejects prices it cannot represent', () => {
    expect(() => priceToNanoPerMTok(-1)).toThrow(RangeError);
    expect(() => priceToNanoPerMTok(Number.NaN)).toThrow(RangeError);
    expect(() => priceToNanoPerMTok(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => priceToNanoPerMTok(1e10)).toThrow(RangeError);
    expect(() => priceToNanoPerMTok(1e22)).toThrow(RangeError);
    expect(priceToNanoPerMTok(1_000_000)).toBe(1_000_000_000_000_000);
  });
});

describe('costNanoUsd', () => {
  it('prices whole millions exactly', () => {
    expect(costNanoUsd(1_000_000, 2.5)).toBe(2_500_000_000);
    expect(costNanoUsd(1_000_000, 0.15)).toBe(150_000_000);
    expect(costNanoUsd(3_000_000, 75)).toBe(225_000_000_000);
  });

  it('prices single tokens exactly', () => {
    expect(costNanoUsd(1, 0.15)).toBe(150);
    expect(costNanoUsd(1, 2.5)).toBe(2500);
    expect(costNanoUsd(1, 10)).toBe(10_000);
    expect(costNanoUsd(0, 10)).toBe(0);
  });

  it('rounds fractions of a nano down, in the customer’s favour', () => {
    expect(costNanoUsd(1, 0.0028)).toBe(2); // 2.8 nano
    expect(costNanoUsd(1, 0.000999)).toBe(0); // 0.999 nano
    expect(costNanoUsd(3, 0.003625)).toBe(10); // 10.875 nano
    expect(costNanoUsd(7, 0.15)).toBe(1050);
  });

  it('stays exact when the intermediate product exceeds 2^53', () => {
    // 123_456_789_012 × 123_456_789 ≈ 1.5e19 > 2^53
    expect(costNanoUsd(123_456_789_012, 0.123456789)).toBe(15_241_578_751_672);
    expect(costNanoUsd(100_000_000_000, 75)).toBe(7_500_000_000_000_000);
    expect(costFromNanoPerMTok(Number.MAX_SAFE_INTEGER, 1_000_000)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('refuses results and inputs outside the safe integer range', () => {
    expect(() => costNanoUsd(Number.MAX_SAFE_INTEGER, 75)).toThrow(RangeError);
    expect(() => costNanoUsd(-1, 1)).toThrow(RangeError);
    expect(() => costNanoUsd(1.5, 1)).toThrow(RangeError);
    expect(() => costNanoUsd(Number.NaN, 1)).toThrow(RangeError);
    expect(() => costFromNanoPerMTok(1, 0.5)).toThrow(RangeError);
    expect(() => costFromNanoPerMTok(1, -1)).toThrow(RangeError);
  });

  it('converts every price in the shipped catalog', () => {
    for (const model of loadCatalog().models) {
      const pricing = model.pricing;
      if (pricing === undefined) {
        continue;
      }
      for (const price of [pricing.inputPerMTok, pricing.outputPerMTok, pricing.cachedInputPerMTok ?? 0]) {
        const nano = priceToNanoPerMTok(price);
        expect(Number.isSafeInteger(nano)).toBe(true);
        expect(costNanoUsd(1_000_000, price)).toBe(nano);
      }
    }
  });
});
