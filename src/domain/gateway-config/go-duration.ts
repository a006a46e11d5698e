/** The reference writes timeouts as Go duration strings ("60s", "2m", "1m30s", "500ms"). */
const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
};
/** What a Go duration looks like (one or more number-unit parts); the admin document publishes it. */
export const durationPattern = /^(\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;
const partPattern = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/** Milliseconds, or undefined for text that is not a positive Go duration. */
export function parseGoDuration(text: string): number | undefined {
  if (!durationPattern.test(text)) return undefined;
  let total = 0;
  for (const match of text.matchAll(partPattern)) total += Number(match[1]) * (unitMs[match[2] ?? ''] ?? 0);
  const rounded = Math.round(total);
  return rounded > 0 ? rounded : undefined;
}

/** The shortest Go spelling of a whole number of milliseconds: 60000 → "1m", 90000 → "1m30s", 1500 → "1.5s". */
export function formatGoDuration(ms: number): string {
  if (ms % 1000 !== 0) return ms < 1000 ? `${ms}ms` : `${ms / 1000}s`;
  let seconds = ms / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  const parts = [hours ? `${hours}h` : '', minutes ? `${minutes}m` : '', seconds ? `${seconds}s` : ''];
  return parts.join('') || '0s';
}
