/** Nano-dollars per dollar is 10^9: the last nine digits of a nano amount are its fraction. */
const NANO_DIGITS = 9;

/** Nano-dollars in one cent (amounts and limits in the API are in cents). */
export const nanoPerCent = 10_000_000;

/**
 * Reads an integer nano-dollar amount as a bigint. Drivers hand sums back differently (SQLite: a
 * number; Postgres: `SUM(bigint)` is `numeric`, a string), and a non-integer here is a bug, not data.
 */
export function toNanoBigInt(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new Error(`not an integer nano-dollar amount: ${String(value)}`);
}

/**
 * Formats integer nano-dollars as a USD decimal string with `places` fraction digits (0–9), the
 * reference's `totalCost`/`cost` format (5 places by default). Pure string arithmetic, so it is
 * exact for any amount. Extra digits are cut off (rounded toward zero: down for costs), so a
 * displayed cost never exceeds what was charged; the exact amount is `costNanoUsd`.
 */
export function formatNanoUsd(nano: bigint | number | string, places = 5): string {
  if (!Number.isInteger(places) || places < 0 || places > NANO_DIGITS) {
    throw new RangeError('places must be 0..9');
  }
  const value = toNanoBigInt(nano);
  const digits = (value < 0n ? -value : value).toString().padStart(NANO_DIGITS + 1, '0');
  const whole = digits.slice(0, digits.length - NANO_DIGITS);
  const fraction = digits.slice(digits.length - NANO_DIGITS, digits.length - NANO_DIGITS + places);
  const text = places > 0 ? `${whole}.${fraction}` : whole;
  // A refund smaller than the last shown place reads as zero, not "-0.00000".
  return value < 0n && /[1-9]/.test(text) ? `-${text}` : text;
}
