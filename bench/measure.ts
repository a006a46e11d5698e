/**
 * One run of a load generator (a process of its own) against one server (bench/load.ts) or two
 * taken in turns (bench/alternating-load.ts), with each server's CPU and resident memory read
 * during the measured window; and the pooling of rounds.
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
  /** For a reference run: the configuration it is paired with, whose ratios it is the base of. */
  pairedWith?: string;
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
  /** For a reference run: the configuration it is paired with (Target's `pairedWith`). */
  pairedWith?: string | undefined;
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

/** A server's CPU (and its database backends') and peak RSS over a load's measured window. */
class ServerWatch {
  private cpuAtStart: number | undefined;
  private cpuAtEnd: number | undefined;
  private databaseAtStart: Promise<Map<number, number> | undefined> | undefined;
  private databaseAtEnd: Promise<Map<number, number> | undefined> | undefined;
  private peakRssKib: number | undefined;
  private sampler: NodeJS.Timeout | undefined;

  constructor(readonly target: Target) {}

  open(): void {
    this.cpuAtStart = cpuSeconds(this.target.pid);
    if (this.target.databasePids) this.databaseAtStart = cpuByPid(this.target.databasePids);
    this.sampleRss();
    this.sampler = setInterval(() => this.sampleRss(), rssSampleMs);
  }

  close(): void {
    this.cpuAtEnd = cpuSeconds(this.target.pid);
    if (this.target.databasePids) this.databaseAtEnd = cpuByPid(this.target.databasePids);
    this.stopSampling();
    this.sampleRss();
  }

  stopSampling(): void {
    clearInterval(this.sampler);
  }

  async measurement(workload: Workload, result: LoadResult): Promise<Measurement> {
    const perRequest = (seconds: number | undefined): number | undefined =>
      seconds === undefined || result.succeeded === 0 ? undefined : (seconds * 1e6) / result.succeeded;
    const { cpuAtStart, cpuAtEnd } = this;
    return {
      workload,
      target: this.target.name,
      result,
      cpuMicrosecondsPerRequest: perRequest(
        cpuAtStart === undefined || cpuAtEnd === undefined ? undefined : cpuAtEnd - cpuAtStart,
      ),
      databaseCpuMicrosecondsPerRequest: perRequest(
        cpuBetween(await this.databaseAtStart, await this.databaseAtEnd),
      ),
      peakRssKib: this.peakRssKib,
      rounds: [{ p99: result.latency.p99, requestsPerSecond: result.requestsPerSecond }],
      pairedWith: this.target.pairedWith,
    };
  }

  private sampleRss(): void {
    const kib = residentKibibytes(this.target.pid);
    if (kib !== undefined) this.peakRssKib = Math.max(this.peakRssKib ?? 0, kib);
  }
}

/**
 * Runs a load generator (a script of bench/, its arguments) and watches the servers it loads over
 * its measured window; returns the results it printed, one per server, in the same order.
 */
async function runLoad(
  args: string[],
  token: string | undefined,
  watches: ServerWatch[],
): Promise<LoadResult[]> {
  const load = startNode('load generator', ['--import', 'tsx', ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, ...(token === undefined ? {} : { BENCH_BEARER_TOKEN: token }) },
  });
  let results: LoadResult[] | undefined;
  try {
    await eachLine(load, (line) => {
      const message = JSON.parse(line) as LoadMessage | { results: LoadResult[] };
      if ('result' in message) results = [message.result];
      else if ('results' in message) results = message.results;
      else if (message.phase === 'measure') for (const watch of watches) watch.open();
      else for (const watch of watches) watch.close();
    });
  } finally {
    for (const watch of watches) watch.stopSampling();
  }
  if (results?.length !== watches.length) throw new Error('the load generator printed no result');
  return results;
}

function logRun(measurement: Measurement, rate: number): void {
  const { result } = measurement;
  process.stderr.write(
    `  ${measurement.workload} ${measurement.target.padEnd(16)} ${rate === 0 ? 'max' : `${rate}/s`}: ` +
      `${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latency.p99.toFixed(2)} ms` +
      `${failuresOf(result) > 0 ? `, ${failuresOf(result)} FAILED` : ''}\n`,
  );
}

/** One server, alone, at the rate (0: as fast as it answers), with autocannon (bench/load.ts). */
export async function measure(
  target: Target,
  settings: Settings,
  workload: Workload,
  rate: number,
): Promise<Measurement> {
  const watch = new ServerWatch(target);
  const [result] = await runLoad(
    [
      'bench/load.ts',
      `--url=${target.url}/v1/chat/completions`,
      `--model=${target.model}`,
      ...(workload === 'SSE' ? ['--stream'] : []),
      `--duration=${settings.durationSeconds}`,
      `--warmup=${settings.warmupSeconds}`,
      `--rate=${rate}`,
      `--connections=${settings.connections}`,
    ],
    target.token,
    [watch],
  );
  const measurement = await watch.measurement(workload, result!);
  logRun(measurement, rate);
  return measurement;
}

/**
 * Two servers at full speed over the same seconds, the load switching between them every quarter
 * of a second (bench/alternating-load.ts): the reference and a configuration, so that the
 * machine's swings fall on both alike. Returns their measurements in the order given.
 */
export async function measureAlternating(
  targets: [Target, Target],
  settings: Settings,
  workload: Workload,
): Promise<Measurement[]> {
  const watches = targets.map((target) => new ServerWatch(target));
  const specs = targets.map((target) => ({
    url: `${target.url}/v1/chat/completions`,
    token: target.token,
    model: target.model,
  }));
  const results = await runLoad(
    [
      'bench/alternating-load.ts',
      `--targets=${JSON.stringify(specs)}`,
      ...(workload === 'SSE' ? ['--stream'] : []),
      // Each server has the load half the time: twice the window gives each its full duration.
      `--duration=${2 * settings.durationSeconds}`,
      `--warmup=${2 * settings.warmupSeconds}`,
      `--connections=${settings.connections}`,
    ],
    undefined,
    watches,
  );
  const measurements = await Promise.all(
    watches.map((watch, index) => watch.measurement(workload, results[index]!)),
  );
  for (const measurement of measurements) logRun(measurement, 0);
  return measurements;
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

/** The name under which the reference runs paired with a configuration are pooled. */
export function pairedReferenceName(config: string): string {
  return `reference paired with ${config}`;
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
 * runs), plus, per configuration, the reference runs paired with it, pooled under
 * `pairedReferenceName`: the base of that configuration's ratios.
 */
export function pooledByPath(runs: Measurement[]): Measurement[] {
  const paths = [...new Set(runs.map((run) => run.target))];
  const byPath = paths.flatMap((path) => pooledByWorkload(runs, (run) => run.target === path));
  const configs = [...new Set(runs.flatMap((run) => (run.pairedWith === undefined ? [] : [run.pairedWith])))];
  const paired = configs.flatMap((config) =>
    pooledByWorkload(runs, (run) => run.target === 'reference' && run.pairedWith === config).map(
      (measurement) => ({ ...measurement, target: pairedReferenceName(config) }),
    ),
  );
  return [...byPath, ...paired];
}
