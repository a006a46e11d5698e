/**
 * The report: every Tollgate figure as a ratio to the bare reference proxy measured in the same run
 * (absolute milliseconds on a shared 2-vCPU machine move from run to run; the ratios hold), with the
 * absolute figure beside it, then the goals.
 */
import { failuresOf, type Measurement, pairedReferenceName, type Workload, workloads } from './measure.js';
import type { Settings } from './settings.js';
import type { StartupFigures } from './startup.js';
import type { TollgateConfig } from './tollgate-configs.js';

export interface Results {
  settings: Settings;
  configs: TollgateConfig[];
  /** Pooled over the rounds: direct, reference and each configuration measured. */
  atRate: Measurement[];
  atMax: Measurement[];
  /** Start-up figures of the reference and each runtime; empty when skipped (`--starts 0`). */
  startup: StartupFigures[];
}

/** The goals for every configuration, the credits-on ones above all. */
const goals = { throughput: 0.5, throughputOfFeeZero: 0.9, p99: 1.3, rss: 1.5 };

const fixed = (value: number, digits = 2): string => value.toFixed(digits);
const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
const times = (ratio: number): string => `${ratio.toFixed(2)}×`;
const mebibytes = (kib: number): string => (kib / 1024).toFixed(0);
const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');

function find(measurements: Measurement[], workload: Workload, target: string): Measurement | undefined {
  return measurements.find(
    (measurement) => measurement.workload === workload && measurement.target === target,
  );
}

/** The base of a configuration's ratios: the reference runs paired with its own, else all of them. */
function referenceOf(
  measurements: Measurement[],
  workload: Workload,
  config: string,
): Measurement | undefined {
  return (
    find(measurements, workload, pairedReferenceName(config)) ?? find(measurements, workload, 'reference')
  );
}

/** Highest resident memory the target showed in any measured window of the run, KiB. */
function peakRss(results: Results, target: string): number | undefined {
  const seen = [...results.atRate, ...results.atMax]
    .filter((measurement) => measurement.target === target)
    .map((measurement) => measurement.peakRssKib)
    .filter((kib) => kib !== undefined);
  return seen.length === 0 ? undefined : Math.max(...seen);
}

/** `absolute (ratio×)`, or the absolute alone when there is nothing to divide by. */
function withRatio(value: number | undefined, base: number | undefined, format: (value: number) => string) {
  if (value === undefined || Number.isNaN(value)) return 'n/a';
  return base === undefined || Number.isNaN(base) || base === 0
    ? format(value)
    : `${format(value)} (${times(value / base)})`;
}

function pathName(target: string, settings: Settings): string {
  if (target === 'direct') return 'direct to upstream';
  if (target === 'reference') {
    return settings.referenceBusyUs > 0
      ? `bare proxy spinning ${settings.referenceBusyUs} µs a request`
      : 'bare proxy (reference)';
  }
  return `Tollgate ${target}`;
}

function targets(results: Results): string[] {
  return ['direct', 'reference', ...results.configs.map((config) => config.name)];
}

/** The absolute figures of one phase, every path. */
function absoluteTable(results: Results, measurements: Measurement[]): string[] {
  const lines = [
    row([
      'workload',
      'path',
      'req/s',
      'p50 ms',
      'p90 ms',
      'p99 ms',
      'max ms',
      'failed',
      'CPU µs/req',
      'Postgres CPU µs/req',
      'peak RSS MiB',
    ]),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const workload of workloads) {
    for (const target of targets(results)) {
      const measurement = find(measurements, workload, target);
      if (measurement === undefined) continue;
      const { latency } = measurement.result;
      lines.push(
        row([
          workload,
          pathName(target, results.settings),
          fixed(measurement.result.requestsPerSecond, 0),
          fixed(latency.p50),
          fixed(latency.p90),
          fixed(latency.p99),
          fixed(latency.max),
          String(failuresOf(measurement.result)),
          measurement.cpuMicrosecondsPerRequest?.toFixed(0) ?? 'n/a',
          measurement.databaseCpuMicrosecondsPerRequest?.toFixed(0) ?? '',
          measurement.peakRssKib === undefined ? 'n/a' : mebibytes(measurement.peakRssKib),
        ]),
      );
    }
  }
  return lines;
}

/** The fee-0 configuration on the same database as a credits one, if it ran. */
function feeZeroOf(results: Results, config: TollgateConfig): TollgateConfig | undefined {
  if (!config.credits) return undefined;
  return results.configs.find(
    (other) => other.dialect === config.dialect && other.runtime === config.runtime && !other.credits,
  );
}

function cpuCell(measurement: Measurement | undefined, reference: Measurement | undefined): string {
  const cell = withRatio(
    measurement?.cpuMicrosecondsPerRequest,
    reference?.cpuMicrosecondsPerRequest,
    (value) => fixed(value, 0),
  );
  const database = measurement?.databaseCpuMicrosecondsPerRequest;
  return database === undefined ? cell : `${cell}, +${fixed(database, 0)} in Postgres`;
}

function ratioTable(results: Results): string[] {
  const { settings } = results;
  const lines = [
    row([
      'configuration',
      'workload',
      'max req/s (× ref)',
      '× own fee-0',
      `p99 ms at ${settings.rate}/s (× ref)`,
      'added p99 ms',
      'CPU µs/req at max (× ref)',
      `CPU µs/req at ${settings.rate}/s (× ref)`,
      'peak RSS MiB (× ref)',
    ]),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  const referenceRss = peakRss(results, 'reference');
  for (const workload of workloads) {
    const referenceMax = find(results.atMax, workload, 'reference');
    const referenceRate = find(results.atRate, workload, 'reference');
    const directP99 = find(results.atRate, workload, 'direct')?.result.latency.p99;
    const added = (measurement: Measurement | undefined): string =>
      measurement === undefined || directP99 === undefined
        ? 'n/a'
        : signed(measurement.result.latency.p99 - directP99);
    lines.push(
      row([
        '*reference*',
        workload,
        withRatio(referenceMax?.result.requestsPerSecond, undefined, (value) => fixed(value, 0)),
        '',
        withRatio(referenceRate?.result.latency.p99, undefined, fixed),
        added(referenceRate),
        cpuCell(referenceMax, undefined),
        cpuCell(referenceRate, undefined),
        withRatio(referenceRss, undefined, mebibytes),
      ]),
    );
    for (const config of results.configs) {
      const atMax = find(results.atMax, workload, config.name);
      const atRate = find(results.atRate, workload, config.name);
      const pairedMax = referenceOf(results.atMax, workload, config.name);
      const pairedRate = referenceOf(results.atRate, workload, config.name);
      const ofFeeZero = ofOwnFeeZero(results, config, workload);
      lines.push(
        row([
          config.name,
          workload,
          withRatio(atMax?.result.requestsPerSecond, pairedMax?.result.requestsPerSecond, (value) =>
            fixed(value, 0),
          ),
          ofFeeZero === undefined ? '' : times(ofFeeZero.value / ofFeeZero.base),
          withRatio(atRate?.result.latency.p99, pairedRate?.result.latency.p99, fixed),
          added(atRate),
          cpuCell(atMax, pairedMax),
          cpuCell(atRate, pairedRate),
          withRatio(peakRss(results, config.name), referenceRss, mebibytes),
        ]),
      );
    }
  }
  return lines;
}

/** Each round's `own` over the same round's `theirs`; none when the rounds do not pair up. */
function ratiosByRound(own: readonly number[], theirs: readonly number[]): number[] {
  return own.length === theirs.length ? own.map((value, index) => value / (theirs[index] ?? 0)) : [];
}

/** `; by round 1.10×, 1.25×`, or nothing for fewer than two rounds. */
function byRoundText(ratios: readonly number[]): string {
  return ratios.length < 2 ? '' : `; by round ${ratios.map(times).join(', ')}`;
}

const roundThroughputs = (measurement: Measurement): number[] =>
  measurement.rounds.map((round) => round.requestsPerSecond);

/** A configuration's throughput as a ratio to its own reference runs, overall and by round. */
function relativeThroughput(
  results: Results,
  workload: Workload,
  config: string,
): { overall: number; byRound: number[] } | undefined {
  const own = find(results.atMax, workload, config);
  const reference = referenceOf(results.atMax, workload, config);
  if (own === undefined || reference === undefined) return undefined;
  return {
    overall: own.result.requestsPerSecond / reference.result.requestsPerSecond,
    byRound: ratiosByRound(roundThroughputs(own), roundThroughputs(reference)),
  };
}

/**
 * A credits configuration's throughput against its fee-0 configuration's, each first taken as a
 * ratio to the reference runs paired with it, so that the machine's drift between the two
 * configurations' turns cancels: `value / base` is the figure.
 */
function ofOwnFeeZero(
  results: Results,
  config: TollgateConfig,
  workload: Workload,
): { value: number; base: number; byRound: number[] } | undefined {
  const feeZero = feeZeroOf(results, config);
  if (feeZero === undefined) return undefined;
  const own = relativeThroughput(results, workload, config.name);
  const base = relativeThroughput(results, workload, feeZero.name);
  if (own === undefined || base === undefined) return undefined;
  return { value: own.overall, base: base.overall, byRound: ratiosByRound(own.byRound, base.byRound) };
}

/** `value / base` against a goal, as one line; `not measured` when either is missing. */
function goalLine(
  what: string,
  value: number | undefined,
  base: number | undefined,
  limit: { atLeast?: number; atMost?: number },
  describe: (value: number, base: number) => string,
): string {
  if (value === undefined || base === undefined || Number.isNaN(value) || Number.isNaN(base) || base === 0) {
    return `Goal ${what}: not measured in this run.`;
  }
  const ratio = value / base;
  const ok =
    (limit.atLeast === undefined || ratio >= limit.atLeast) &&
    (limit.atMost === undefined || ratio <= limit.atMost);
  return `Goal ${what}: ${times(ratio)} (${describe(value, base)}), ${met(ok)}.`;
}

/** `; by round 1.10×, 1.25×`: each round's figure over the reference's in the same round. */
function byRound(
  measurement: Measurement | undefined,
  reference: Measurement | undefined,
  pick: (round: Measurement['rounds'][number]) => number,
): string {
  return byRoundText(ratiosByRound(measurement?.rounds.map(pick) ?? [], reference?.rounds.map(pick) ?? []));
}

function goalLines(results: Results): string[] {
  const { settings } = results;
  const lines: string[] = [];
  const throughput = (
    what: string,
    measurement?: Measurement,
    base?: Measurement,
    atLeast = goals.throughput,
  ) =>
    goalLine(
      what,
      measurement?.result.requestsPerSecond,
      base?.result.requestsPerSecond,
      { atLeast },
      (value, of) =>
        `${fixed(value, 0)} against ${fixed(of, 0)} req/s${byRound(measurement, base, (round) => round.requestsPerSecond)}`,
    );
  for (const config of results.configs) {
    const name = config.name;
    for (const workload of workloads) {
      const atMax = find(results.atMax, workload, name);
      lines.push(
        throughput(
          `${name}, ${workload} throughput ≥ ${goals.throughput}× reference`,
          atMax,
          referenceOf(results.atMax, workload, name),
        ),
      );
      if (!config.credits) continue;
      const ofFeeZero = ofOwnFeeZero(results, config, workload);
      lines.push(
        goalLine(
          `${name}, ${workload} throughput ≥ ${goals.throughputOfFeeZero}× own fee-0 (${config.dialect}-free)`,
          ofFeeZero?.value,
          ofFeeZero?.base,
          { atLeast: goals.throughputOfFeeZero },
          (value, base) =>
            `${times(value)} its reference against ${times(base)} for ${config.dialect}-free` +
            byRoundText(ofFeeZero?.byRound ?? []),
        ),
      );
    }
    for (const workload of workloads) {
      const atRate = find(results.atRate, workload, name);
      const referenceRate = referenceOf(results.atRate, workload, name);
      lines.push(
        goalLine(
          `${name}, ${workload} p99 at ${settings.rate} req/s ≤ ${goals.p99}× reference`,
          atRate?.result.latency.p99,
          referenceRate?.result.latency.p99,
          { atMost: goals.p99 },
          (value, base) =>
            `${fixed(value)} against ${fixed(base)} ms${byRound(atRate, referenceRate, (round) => round.p99)}`,
        ),
      );
    }
    lines.push(
      goalLine(
        `${name}, peak RSS ≤ ${goals.rss}× reference`,
        peakRss(results, name),
        peakRss(results, 'reference'),
        { atMost: goals.rss },
        (value, base) => `${mebibytes(value)} against ${mebibytes(base)} MiB`,
      ),
    );
  }
  return lines;
}

/** Informational: the old goal (added p99 < 2 ms), which no proxy meets on this machine. */
function addedP99Lines(results: Results): string[] {
  const lines: string[] = [];
  for (const workload of workloads) {
    const direct = find(results.atRate, workload, 'direct')?.result.latency.p99;
    const reference = find(results.atRate, workload, 'reference')?.result.latency.p99;
    if (direct === undefined) continue;
    const added = results.configs.flatMap((config) => {
      const p99 = find(results.atRate, workload, config.name)?.result.latency.p99;
      return p99 === undefined ? [] : [`${config.name} ${signed(p99 - direct)}`];
    });
    lines.push(
      `Added p99 at ${results.settings.rate} req/s, ${workload} (informational; the old goal was < 2 ms): ` +
        `${added.join(', ') || 'none measured'} ms; the reference adds ` +
        `${reference === undefined ? 'n/a' : signed(reference - direct)} ms.`,
    );
  }
  return lines;
}

function rounds(value: Settings): string {
  return value.rounds === 1
    ? `${value.durationSeconds} s`
    : `${value.rounds} rounds of ${value.durationSeconds} s per path, taken in turns and pooled`;
}

const median = (values: number[]): number | undefined => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? undefined : sorted[Math.floor((sorted.length - 1) / 2)];
};

/** Start-up to ready and idle memory of each runtime, medians, as ratios to the reference's. */
function startupLines(results: Results): string[] {
  if (results.startup.length === 0) return [];
  const reference = results.startup.find((figures) => figures.path === 'reference');
  const referenceReady = median(reference?.readyMs ?? []);
  const referenceIdle = median(reference?.idleRssKib ?? []);
  const name = (path: StartupFigures['path']) =>
    path === 'reference'
      ? '*reference*'
      : path === 'compiled'
        ? 'Tollgate, compiled (dist/)'
        : 'Tollgate, tsx';
  const lines = [
    `## Start-up (median of ${reference?.readyMs.length ?? 0} starts; Tollgate on SQLite, a restart)`,
    '',
    row(['path', 'ready ms (× ref)', 'idle RSS MiB (× ref)', 'each start: ready ms / idle MiB']),
    row(['---', '---:', '---:', '---']),
  ];
  for (const figures of results.startup) {
    const isReference = figures.path === 'reference';
    lines.push(
      row([
        name(figures.path),
        withRatio(median(figures.readyMs), isReference ? undefined : referenceReady, (value) =>
          fixed(value, 0),
        ),
        withRatio(median(figures.idleRssKib), isReference ? undefined : referenceIdle, mebibytes),
        figures.readyMs
          .map((ready, index) => `${fixed(ready, 0)} / ${mebibytes(figures.idleRssKib[index] ?? 0)}`)
          .join(', '),
      ]),
    );
  }
  return [...lines, ''];
}

export function report(results: Results): string[] {
  const { settings: value } = results;
  return [
    ...startupLines(results),
    `## Latency at a fixed rate (${value.rate} req/s, ${value.connections} connections, ${rounds(value)}, ` +
      `upstream latency ${value.latencyMs} ms, log level ${value.logLevel})`,
    '',
    ...absoluteTable(results, results.atRate),
    '',
    `## Max throughput (no rate limit, ${value.connections} connections, ${rounds(value)}, upstream latency 0 ms)`,
    '',
    ...absoluteTable(results, results.atMax),
    '',
    '## Against the bare reference proxy of the same run',
    '',
    "Each configuration's ratios are to its own reference runs (right before it at the fixed rate, " +
      'alternating with it every 250 ms at full speed; the *reference* rows pool them all); × own fee-0 ' +
      'divides the two configurations’ ratios to their references.',
    '',
    ...ratioTable(results),
    '',
    '## Goals, as ratios to the reference of this run (above all for the credits-on configurations)',
    '',
    ...goalLines(results),
    '',
    ...addedP99Lines(results),
  ];
}
