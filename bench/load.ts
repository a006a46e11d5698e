/**
 * Load generator, run in its own process so that it does not share an event loop with the servers:
 *   BENCH_BEARER_TOKEN=… node --import tsx bench/load.ts --url http://… [--stream] [--rate 500] …
 * Sends a ~600-byte chat completion request for `--warmup` then `--duration` seconds and prints
 * {@link LoadMessage}s to stdout, one JSON object a line.
 */
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { chatBody, expectedBody } from './chat-request.js';
import { type LatencySummary, summarise } from './latency-summary.js';

export interface LoadResult {
  /** Wall-clock seconds of the measured window. */
  seconds: number;
  /** 2xx responses per second to requests sent in the measured window. */
  requestsPerSecond: number;
  /** 2xx responses to requests sent in the measured window. */
  succeeded: number;
  /** 2xx responses outside the measured window: warm-up and settling (the server did this work too). */
  warmupSucceeded: number;
  /**
   * Requests that may have been in flight when a phase ended: autocannon closes its connections
   * then, so the client sees no response, but the server may still have served (and metered) them.
   */
  cutOffAtMost: number;
  /** Everything that went wrong, warm-up included: non-2xx, socket errors, timeouts, unexpected bodies. */
  failures: { non2xx: number; errors: number; timeouts: number; mismatches: number };
  statusCodes: Record<string, number>;
  /** Milliseconds from request sent to last response byte, 2xx only. */
  latency: LatencySummary;
  /** Every latency summarised in `latency`, so that runs can be pooled. */
  latencies: number[];
}

/**
 * `{ phase: 'measure' }` when the measured window opens (after the warm-up and the settling),
 * `{ phase: 'measured' }` when it closes, then `{ result }`.
 */
export type LoadMessage = { phase: 'measure' | 'measured' } | { result: LoadResult };

/** Seconds a rated phase runs before its measured window opens (see {@link Phase.settleSeconds}). */
const rateSettleSeconds = 2;

interface Phase {
  url: string;
  headers: Record<string, string>;
  body: string;
  stream: boolean;
  seconds: number;
  connections: number;
  /** Requests per second over all connections; 0 = as fast as the server answers. */
  rate: number;
  /**
   * Seconds run before the measured window opens, with the same instances: starting 50 autocannon
   * instances keeps the generator's own event loop busy for most of a second, and requests it sent
   * then would be measured late for reasons of its own.
   */
  settleSeconds: number;
  /** Called when the measured window opens and when it closes. */
  onWindow?: (phase: 'measure' | 'measured') => void;
}

interface PhaseResult {
  /** Wall-clock seconds of the measured window. */
  seconds: number;
  /** Latencies of the 2xx responses to requests sent inside the measured window. */
  latencies: number[];
  /** Autocannon's own results: the whole phase, settling included. */
  results: Result[];
}

function runInstance(
  phase: Phase,
  connections: number,
  rate: number,
  record: (milliseconds: number) => void,
): Promise<Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: phase.url,
        method: 'POST',
        headers: phase.headers,
        body: phase.body,
        connections,
        duration: phase.settleSeconds + phase.seconds,
        // Autocannon's coordinated-omission correction expects a response every ceil(1 / rate) ms,
        // i.e. 1 ms, and back-fills made-up samples down to it; runPhase keeps arrivals steady instead.
        ...(rate > 0 ? { overallRate: rate, ignoreCoordinatedOmission: true } : {}),
        verifyBody: expectedBody(phase.stream),
        timeout: 30,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // Autocannon's own histogram keeps whole milliseconds; the added latency we look for is smaller.
    instance.on('response', (_client, statusCode, _bytes, milliseconds) => {
      if (statusCode >= 200 && statusCode < 300) record(milliseconds);
    });
  });
}

/**
 * Autocannon rate-limits each connection with a budget per second that it spends back to back, all
 * connections in step: at 500 req/s over 50 connections, 50 requests arrive at once and then nothing
 * for most of the second. To send a steady stream, a rated phase runs one autocannon instance per
 * connection, their seconds offset evenly.
 */
async function runPhase(phase: Phase): Promise<PhaseResult> {
  const latencies: number[] = [];
  const opens = performance.now() + phase.settleSeconds * 1000;
  const closes = opens + phase.seconds * 1000;
  const record = (milliseconds: number): void => {
    const sent = performance.now() - milliseconds;
    if (sent >= opens && sent < closes) latencies.push(milliseconds);
  };
  let windowClosed = false;
  const closeWindow = () => {
    if (windowClosed) return;
    windowClosed = true;
    phase.onWindow?.('measured');
  };
  const opened = setTimeout(() => phase.onWindow?.('measure'), phase.settleSeconds * 1000);
  const closed = setTimeout(closeWindow, (phase.settleSeconds + phase.seconds) * 1000);
  let results: Result[];
  if (phase.rate === 0) {
    results = [await runInstance(phase, phase.connections, 0, record)];
  } else {
    const offsetMs = 1000 / phase.connections;
    results = await Promise.all(
      Array.from({ length: phase.connections }, async (_, index) => {
        await new Promise((resolve) => setTimeout(resolve, index * offsetMs));
        const share =
          Math.floor(phase.rate / phase.connections) + (index < phase.rate % phase.connections ? 1 : 0);
        return runInstance(phase, 1, Math.max(share, 1), record);
      }),
    );
  }
  clearTimeout(opened);
  clearTimeout(closed);
  // Autocannon's own clock may end the run a moment before the window's timer: close it now.
  closeWindow();
  return { seconds: phase.seconds, latencies, results };
}

function sum(results: Result[], pick: (result: Result) => number): number {
  return results.reduce((total, result) => total + pick(result), 0);
}

function toLoadResult(
  warmup: PhaseResult | undefined,
  measured: PhaseResult,
  connections: number,
): LoadResult {
  const all = [...(warmup?.results ?? []), ...measured.results];
  const statusCodes: Record<string, number> = {};
  for (const result of all) {
    for (const [code, { count }] of Object.entries(result.statusCodeStats)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
    }
  }
  const succeeded = measured.latencies.length;
  return {
    seconds: measured.seconds,
    requestsPerSecond: succeeded / measured.seconds,
    succeeded,
    warmupSucceeded: sum(all, (result) => result['2xx']) - succeeded,
    cutOffAtMost: (warmup === undefined ? 1 : 2) * connections,
    failures: {
      non2xx: sum(all, (result) => result.non2xx),
      errors: sum(all, (result) => result.errors),
      timeouts: sum(all, (result) => result.timeouts),
      mismatches: sum(all, (result) => result.mismatches),
    },
    statusCodes,
    latency: summarise(measured.latencies),
    latencies: measured.latencies,
  };
}

function print(message: LoadMessage): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      url: { type: 'string' },
      model: { type: 'string', default: 'gpt-4o-mini' },
      stream: { type: 'boolean', default: false },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      rate: { type: 'string', default: '0' },
      connections: { type: 'string', default: '50' },
    },
    strict: true,
  });
  if (values.url === undefined) throw new Error('load.ts needs --url');
  const token = process.env.BENCH_BEARER_TOKEN;
  const phase: Phase = {
    url: values.url,
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: chatBody(values.model, values.stream),
    stream: values.stream,
    seconds: Number(values.duration),
    connections: Number(values.connections),
    rate: Number(values.rate),
    settleSeconds: Number(values.rate) === 0 ? 0 : rateSettleSeconds,
  };
  const warmupSeconds = Number(values.warmup);
  // The warm-up runs at full speed whatever the measured rate: a gateway in service has long been
  // optimised by the JIT, and a few hundred requests at a low rate leave its code unoptimised.
  const warmup =
    warmupSeconds > 0
      ? await runPhase({ ...phase, seconds: warmupSeconds, rate: 0, settleSeconds: 0 })
      : undefined;
  const measured = await runPhase({ ...phase, onWindow: (window) => print({ phase: window }) });
  print({ result: toLoadResult(warmup, measured, phase.connections) });
}

await main();
