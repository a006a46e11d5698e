import { describe, expect, it } from 'vitest';
import { type Measurement, pooledByPath, type Workload } from '../../bench/measure.js';
import { report } from '../../bench/ratio-report.js';
import { settingsFrom } from '../../bench/settings.js';
import { configFor } from '../../bench/tollgate-configs.js';

/** One run of `target` at `requestsPerSecond` for 6 s, every request answered in `p99` ms. */
function run(
  target: string,
  workload: Workload,
  requestsPerSecond: number,
  options: { pairedWith?: string; p99?: number } = {},
): Measurement {
  const latency = options.p99 ?? 20;
  const succeeded = requestsPerSecond * 6;
  return {
    workload,
    target,
    result: {
      seconds: 6,
      requestsPerSecond,
      succeeded,
      warmupSucceeded: 0,
      cutOffAtMost: 0,
      failures: { non2xx: 0, errors: 0, timeouts: 0, mismatches: 0 },
      statusCodes: { 200: succeeded },
      latency: { p50: latency, p90: latency, p99: latency, max: latency },
      latencies: [latency],
    },
    cpuMicrosecondsPerRequest: 100,
    databaseCpuMicrosecondsPerRequest: undefined,
    peakRssKib: 100 * 1024,
    rounds: [{ p99: latency, requestsPerSecond }],
    pairedWith: options.pairedWith,
  };
}

/** Two rounds in which the machine got twice as fast between the fee-0 and the credits turns. */
function driftingRuns(): Measurement[] {
  const runs: Measurement[] = [];
  for (let round = 0; round < 2; round++) {
    for (const workload of ['JSON', 'SSE'] as const) {
      runs.push(run('reference', workload, 8_000, { pairedWith: 'sqlite-free' }));
      runs.push(run('sqlite-free', workload, 4_400));
      runs.push(run('reference', workload, 16_000, { pairedWith: 'sqlite-credits' }));
      runs.push(run('sqlite-credits', workload, 8_400));
    }
  }
  return runs;
}

describe('the bench report', () => {
  const configs = [configFor('sqlite-free'), configFor('sqlite-credits')];
  const lines = () => {
    const runs = driftingRuns();
    const pooled = pooledByPath(runs);
    return report({ settings: settingsFrom([]), configs, atRate: pooled, atMax: pooled, startup: [] });
  };

  it('takes each configuration against the reference runs taken right before its own', () => {
    const goals = lines().filter((line) => line.startsWith('Goal'));
    // 4,400 against 8,000 and 8,400 against 16,000, not against the 12,000 of all reference runs.
    expect(goals).toContain(
      'Goal sqlite-free, JSON throughput ≥ 0.5× reference: 0.55× (4400 against 8000 req/s; by round 0.55×, 0.55×), met.',
    );
    expect(goals).toContain(
      'Goal sqlite-credits, JSON throughput ≥ 0.5× reference: 0.53× (8400 against 16000 req/s; by round 0.53×, 0.53×), met.',
    );
  });

  it('divides a credits configuration’s ratio by its fee-0 configuration’s, so that drift cancels', () => {
    const goals = lines().filter((line) => line.startsWith('Goal'));
    // 0.525 / 0.55 = 0.95, where the raw throughputs (8,400 against 4,400) would say 1.91.
    expect(goals).toContain(
      'Goal sqlite-credits, SSE throughput ≥ 0.9× own fee-0 (sqlite-free): 0.95× (0.53× its reference against 0.55× for sqlite-free; by round 0.95×, 0.95×), met.',
    );
  });

  it('pools every reference run in the reference rows', () => {
    const pooled = pooledByPath(driftingRuns());
    const reference = pooled.find((measurement) => measurement.target === 'reference');
    expect(reference?.result.requestsPerSecond).toBe(12_000);
    expect(reference?.rounds).toHaveLength(4);
  });
});
