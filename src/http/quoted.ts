/** Longest piece of client input an error message repeats. */
const maxEchoed = 100;

/**
 * Client input repeated in an error message: JSON-quoted (so control characters are escaped)
 * and cut to a bounded length, so an error body never grows with what the client sent.
 */
export function quoted(value: string, max = maxEchoed): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
