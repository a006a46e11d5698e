/** The benchmark's settings: flags, else BENCH_* variables, else the defaults (listed in run.ts's header). */
import { parseArgs } from 'node:util';

/**
 * Tollgate configurations the benchmark can run, each on a fresh database of its own. All run the
 * compiled build (dist/) but `sqlite-free-tsx`, the same as `sqlite-free` with the sources run
 * through tsx (the runtime before the compiled build), for comparison.
 */
export const configNames = [
  'sqlite-free',
  'sqlite-credits',
  'postgres-free',
  'postgres-credits',
  'sqlite-free-tsx',
] as const;
export type ConfigName = (typeof configNames)[number];

export interface Settings {
  durationSeconds: number;
  /** Runs per path and kind, taken in turns (direct, bare proxy, each configuration, direct, …) and pooled. */
  rounds: number;
  warmupSeconds: number;
  rate: number;
  connections: number;
  latencyMs: number;
  logLevel: string;
  /** CPU the reference proxy spins per request (µs): an experiment, see reference-proxy.ts. */
  referenceBusyUs: number;
  configs: ConfigName[];
  /** A database on the Postgres server that the benchmark's own databases are created from. */
  postgresAdminUrl: string;
  /** Measured starts of each runtime (and of the reference) for the start-up figures; 0 skips them. */
  starts: number;
}

function configsFrom(text: string | undefined): ConfigName[] {
  if (text === undefined || text.trim() === '') return [...configNames];
  const names = text.split(',').map((name) => name.trim());
  for (const name of names) {
    if (!(configNames as readonly string[]).includes(name)) {
      throw new Error(`unknown configuration ${name}; there are ${configNames.join(', ')}`);
    }
  }
  // In the canonical order whatever the order given: each fee-0 run comes before its credits run.
  return configNames.filter((name) => names.includes(name));
}

export function settingsFrom(argv: string[]): Settings {
  const { values } = parseArgs({
    args: argv,
    options: {
      duration: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      rate: { type: 'string' },
      connections: { type: 'string' },
      'latency-ms': { type: 'string' },
      'log-level': { type: 'string' },
      'reference-busy-us': { type: 'string' },
      configs: { type: 'string' },
      'postgres-url': { type: 'string' },
      starts: { type: 'string' },
    },
    strict: true,
  });
  const number = (flag: string | undefined, variable: string, fallback: number): number => {
    const text = flag ?? process.env[variable];
    const value = text === undefined || text === '' ? fallback : Number(text);
    if (!Number.isFinite(value) || value < 0) {
      throw new Error(`${variable} must be a number ≥ 0, not ${text}`);
    }
    return value;
  };
  const settings: Settings = {
    durationSeconds: number(values.duration, 'BENCH_DURATION', 6),
    rounds: Math.max(1, Math.round(number(values.rounds, 'BENCH_ROUNDS', 2))),
    warmupSeconds: number(values.warmup, 'BENCH_WARMUP', 3),
    rate: number(values.rate, 'BENCH_RATE', 500),
    connections: number(values.connections, 'BENCH_CONNECTIONS', 50),
    latencyMs: number(values['latency-ms'], 'BENCH_LATENCY_MS', 20),
    logLevel: values['log-level'] ?? process.env.TOLLGATE_LOG_LEVEL ?? 'info',
    referenceBusyUs: number(values['reference-busy-us'], 'BENCH_REFERENCE_BUSY_US', 0),
    configs: configsFrom(values.configs ?? process.env.BENCH_CONFIGS),
    postgresAdminUrl:
      values['postgres-url'] ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    starts: Math.round(number(values.starts, 'BENCH_STARTS', 3)),
  };
  // The load generator gives each connection a whole number of requests per second.
  if (settings.rate !== 0 && settings.rate < settings.connections) {
    throw new Error('BENCH_RATE must be at least BENCH_CONNECTIONS');
  }
  return settings;
}
