/**
 * Exact token-cost arithmetic in integer nano-dollars (1 USD = 1e9 nano-USD).
 *
 * Prices are published as decimal USD per 1M tokens. A price is first turned into an integer
 * number of nano-USD per 1M tokens (rounded to the nearest nano, which is exact for any price
 * with at most 9 decimal places). The cost of `tokens` tokens is then
 *
 *   floor(tokens × nanoPerMTok / 1_000_000)
 *
 * computed with BigInt, so the intermediate product never loses precision even when it exceeds
 * 2^53. Rounding is always DOWN, in the customer's favour: a single call under-charges by less
 * than 1 nano-USD. Callers pricing several token classes (input, cached input, output) round
 * each class separately, so one request may be under-charged by a few nano-USD, never over.
 */

const NANO_PER_USD_DIGITS = 9;
const TOKENS_PER_MTOK = 1_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/** Above this many USD per 1M tokens the nano-USD price is no longer a safe integer. */
const MAX_SAFE_USD = Number.MAX_SAFE_INTEGER / 1e9;

/**
 * Converts a price in USD per 1M tokens to integer nano-USD per 1M tokens, rounded to the
 * nearest nano (halves round up). Throws `RangeError` for a negative, non-finite or too large price.
 */
export function priceToNanoPerMTok(usd: number): number {
  if (!Number.isFinite(usd) || usd < 0) {
    throw new RangeError(`price must be a finite, non-negative number of USD, got ${usd}`);
  }
  if (usd > MAX_SAFE_USD) {
    throw new RangeError(`price ${usd} USD per 1M tokens is too large`);
  }
  // toFixed rounds the double's exact value to 9 decimals in decimal arithmetic: 1.005 gives
  // "1.005000000", whereas the float product 1.005 * 1e9 is 1004999999.9999999.
  const fixed = usd.toFixed(NANO_PER_USD_DIGITS);
  const nano = BigInt(fixed.replace('.', ''));
  if (nano > MAX_SAFE) {
    throw new RangeError(`price ${usd} USD per 1M tokens is too large`);
  }
  return Number(nano);
}

/**
 * Cost in nano-USD of `tokens` tokens at `nanoPerMTok` nano-USD per 1M tokens, rounded down.
 * Use this in hot paths with prices converted once by `priceToNanoPerMTok`.
 */
export function costFromNanoPerMTok(tokens: number, nanoPerMTok: number): number {
  if (!Number.isSafeInteger(tokens) || tokens < 0) {
    throw new RangeError(`token count must be a non-negative integer, got ${tokens}`);
  }
  if (!Number.isSafeInteger(nanoPerMTok) || nanoPerMTok < 0) {
    throw new RangeError(
      `price must be a non-negative integer of nano-USD per 1M tokens, got ${nanoPerMTok}`,
    );
  }
  // Both operands are non-negative, so BigInt division (truncation) is floor.
  const cost = (BigInt(tokens) * BigInt(nanoPerMTok)) / TOKENS_PER_MTOK;
  if (cost > MAX_SAFE) {
    throw new RangeError(`cost of ${tokens} tokens exceeds the safe integer range of nano-USD`);
  }
  return Number(cost);
}

/**
 * Cost in nano-USD of `tokens` tokens at `pricePerMTokUsd` USD per 1M tokens, rounded down.
 * Example: 1,000,000 tokens at $2.50 → 2_500_000_000; 1 token at $0.15 → 150.
 */
export function costNanoUsd(tokens: number, pricePerMTokUsd: number): number {
  return costFromNanoPerMTok(tokens, priceToNanoPerMTok(pricePerMTokUsd));
}
