/**
 * One run of the load generator (bench/load.ts, a process of its own) against one server, with the
 * server's CPU and resident memory read during the measured window; and the pooling of rounds.
 */
import { summarise } from './latency-summary.js';
import type { LoadMessage, LoadResult } from './load.js';
import { cpuSeconds, eachLine, residentKibibytes, startNode } from './processes.js';
import { repositoryRoot } from './server-scripts.js';
import type { Settings } from './settings.js';

export type Workload = 'JSON' | 'SSE';
export const workloads: readonly Workload[] = ['JSON', 'SSE'];

/** A server the load is sent to. */
export interface Target {
  /** 'direct', 'reference' or a Tollgate configuration's name. */
  name: string;
  pid: number;
  /** Base URL; the load goes to `${url}/v1/chat/completions`. */
  url: string;
  token: string;
  model: string;
  /** Other processes whose CPU is this server's work too: its Postgres backends. */
  databasePids?: (() => Promise<number[]>) | undefined;
  /** For a reference run: the configuration measured right after it, whose ratios it is the base of. */
  before?: string;
}

export interface Measurement {
  workload: Workload;
  target: string;
  result: LoadResult;
  /** CPU time of the server (all its threads, GC included) in the measured window, per request served. */
  cpuMicrosecondsPerRequest: number | undefined;
  /** The same for its Postgres backends; undefined when it has none. */
  databaseCpuMicrosecondsPerRequest: number | undefined;
  /** Highest VmRSS of the server seen in the measured window (sampled every 250 ms), in KiB. */
  peakRssKib: number | undefined;
  /** Each round's own figures when rounds were pooled, in the order they ran. */
  rounds: { p99: number; requestsPerSecond: number }[];
  /** For a reference run: the configuration measured right after it (Target's `before`). */
  before?: string | undefined;
}

const rssSampleMs = 250;

/** CPU seconds of each process so far; undefined when they cannot be looked up (the figure is then left out). */
async function cpuByPid(pids: () => Promise<number[]>): Promise<Map<number, number> | undefined> {
  const found = await pids().catch(() => undefined);
  if (found === undefined) return undefined;
  const sampled = new Map<number, number>();
  for (const pid of found) {
    const seconds = cpuSeconds(pid);
    if (seconds !== undefined) sampled.set(pid, seconds);
  }
  return sampled;
}

/** CPU seconds between two samples; a process that appeared in between counts in full. */
function cpuBetween(start: Map<number, number> | undefined, end: Map<number, number> | undefined) {
  if (start === undefined || end === undefined) return undefined;
  let total = 0;
  for (const [pid, seconds] of end) total += seconds - (start.get(pid) ?? 0);
  return total;
}

export async function measure(
  target: Target,
  settings: Settings,
  workload: Workload,
  rate: number,
): Promise<Measurement> {
  const load = startNode(
    'load generator',
    [
      '--import',
      'tsx',
      'bench/load.ts',
      `--url=${target.url}/v1/chat/completions`,
      `--model=${target.model}`,
      ...(workload === 'SSE' ? ['--stream'] : []),
      `--duration=${settings.durationSeconds}`,
      `--warmup=${settings.warmupSeconds}`,
      `--rate=${rate}`,
      `--connections=${settings.connections}`,
    ],
    { cwd: repositoryRoot, env: { ...process.env, BENCH_BEARER_TOKEN: target.token } },
  );
  let cpuAtStart: number | undefined;
  let cpuAtEnd: number | undefined;
  let databaseAtStart: Promise<Map<number, number> | undefined> | undefined;
  let databaseAtEnd: Promise<Map<number, number> | undefined> | undefined;
  let peakRssKib: number | undefined;
  const sampleRss = (): void => {
    const kib = residentKibibytes(target.pid);
    if (kib !== undefined) peakRssKib = Math.max(peakRssKib ?? 0, kib);
  };
  let sampler: NodeJS.Timeout | undefined;
  let result: LoadResult | undefined;
  try {
    await eachLine(load, (line) => {
      const message = JSON.parse(line) as LoadMessage;
      if (!('phase' in message)) {
        result = message.result;
      } else if (message.phase === 'measure') {
        cpuAtStart = cpuSeconds(target.pid);
        if (target.databasePids) databaseAtStart = cpuByPid(target.databasePids);
        sampleRss();
        sampler = setInterval(sampleRss, rssSampleMs);
      } else {
        cpuAtEnd = cpuSeconds(target.pid);
        if (target.databasePids) databaseAtEnd = cpuByPid(target.databasePids);
        clearInterval(sampler);
        sampleRss();
      }
    });
  } finally {
    clearInterval(sampler);
  }
  if (result === undefined) throw new Error('the load generator printed no result');
  const perRequest = (seconds: number | undefined): number | undefined =>
    seconds === undefined || result === undefined || result.succeeded === 0
      ? undefined
      : (seconds * 1e6) / result.succeeded;
  const databaseSeconds = cpuBetween(await databaseAtStart, await databaseAtEnd);
  const measurement: Measurement = {
    workload,
    target: target.name,
    result,
    cpuMicrosecondsPerRequest: perRequest(
      cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : cpuAtEnd - cpuAtStart,
    ),
    databaseCpuMicrosecondsPerRequest: perRequest(databaseSeconds),
    peakRssKib,
    rounds: [{ p99: result.latency.p99, requestsPerSecond: result.requestsPerSecond }],
    before: target.before,
  };
  process.stderr.write(
    `  ${workload} ${target.name.padEnd(16)} ${rate === 0 ? 'max' : `${rate}/s`}: ` +
      `${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latency.p99.toFixed(2)} ms` +
      `${failuresOf(result) > 0 ? `, ${failuresOf(result)} FAILED` : ''}\n`,
  );
  return measurement;
}

export function failuresOf(result: LoadResult): number {
  const { non2xx, errors, timeouts, mismatches } = result.failures;
  return non2xx + errors + timeouts + mismatches;
}

/** Mean of a per-request figure over runs, weighted by their requests; undefined if any run lacks it. */
function weighted(runs: Measurement[], pick: (run: Measurement) => number | undefined): number | undefined {
  const values = runs.map(pick);
  if (values.includes(undefined)) return undefined;
  const succeeded = runs.reduce((sum, run) => sum + run.result.succeeded, 0);
  return runs.reduce((sum, run, index) => sum + (values[index] ?? 0) * run.result.succeeded, 0) / succeeded;
}

/** One measurement of the runs of one path and workload: percentiles over all their requests together. */
export function pooled(runs: Measurement[]): Measurement {
  const [first] = runs;
  if (first === undefined) throw new Error('nothing to pool');
  if (runs.length === 1) return first;
  const total = (pick: (result: LoadResult) => number) =>
    runs.reduce((sum, run) => sum + pick(run.result), 0);
  const latencies = runs.flatMap((run) => run.result.latencies);
  const statusCodes: Record<string, number> = {};
  for (const run of runs) {
    for (const [code, count] of Object.entries(run.result.statusCodes)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
    }
  }
  const succeeded = total((result) => result.succeeded);
  const rss = runs.map((run) => run.peakRssKib).filter((kib) => kib !== undefined);
  return {
    workload: first.workload,
    target: first.target,
    result: {
      seconds: total((result) => result.seconds),
      requestsPerSecond: succeeded / total((result) => result.seconds),
      succeeded,
      warmupSucceeded: total((result) => result.warmupSucceeded),
      cutOffAtMost: total((result) => result.cutOffAtMost),
      failures: {
        non2xx: total((result) => result.failures.non2xx),
        errors: total((result) => result.failures.errors),
        timeouts: total((result) => result.failures.timeouts),
        mismatches: total((result) => result.failures.mismatches),
      },
      statusCodes,
      latency: summarise(latencies),
      latencies,
    },
    cpuMicrosecondsPerRequest: weighted(runs, (run) => run.cpuMicrosecondsPerRequest),
    databaseCpuMicrosecondsPerRequest: weighted(runs, (run) => run.databaseCpuMicrosecondsPerRequest),
    peakRssKib: rss.length === 0 ? undefined : Math.max(...rss),
    rounds: runs.flatMap((run) => run.rounds),
  };
}

/** The name under which the reference runs taken right before a configuration are pooled. */
export function pairedReferenceName(config: string): string {
  return `reference before ${config}`;
}

/** Each workload's runs that `belongs` picks, pooled over the rounds (none when it picks none). */
function pooledByWorkload(runs: Measurement[], belongs: (run: Measurement) => boolean): Measurement[] {
  return workloads
    .map((workload) => runs.filter((run) => belongs(run) && run.workload === workload))
    .filter((picked) => picked.length > 0)
    .map(pooled);
}

/**
 * One measurement per path and workload, each pooled over its rounds (the reference over all its
 * runs), plus, per configuration, the reference runs taken right before it, pooled under
 * `pairedReferenceName`: the base of that configuration's ratios.
 */
export function pooledByPath(runs: Measurement[]): Measurement[] {
  const paths = [...new Set(runs.map((run) => run.target))];
  const byPath = paths.flatMap((path) => pooledByWorkload(runs, (run) => run.target === path));
  const configs = [...new Set(runs.flatMap((run) => (run.before === undefined ? [] : [run.before])))];
  const paired = configs.flatMap((config) =>
    pooledByWorkload(runs, (run) => run.target === 'reference' && run.before === config).map(
      (measurement) => ({ ...measurement, target: pairedReferenceName(config) }),
    ),
  );
  return [...byPath, ...paired];
}
