import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far V8 lets the old generation grow past what its last full collection kept: `percent`
 * % more (V8's `--heap-growing-percent`) instead of its own factor, which reaches 4× for a small
 * heap that it collects fast. A gateway under load moves many short-lived objects into the old
 * generation (a request in flight when the young generation is collected goes there, with what it
 * refers to), and with V8's factor they piled up for seconds between full collections: ~100 MiB
 * of garbage at full speed on the benchmark, against ~25 MiB live. Full collections are then more
 * frequent but small (their marking runs on another thread). 0 leaves V8's own factor.
 *
 * V8 reads the flag at each full collection, so setting it in the running process takes effect.
 */
export function boundHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
