/**
 * `npm run bench`: how much latency Tollgate adds, and how many requests per second it carries.
 *
 * Starts the fake upstream, Tollgate (fresh SQLite database) and a bare reference proxy as separate
 * processes, then runs bench/load.ts (autocannon) in another process against each: directly,
 * through the reference proxy (the floor any Node.js proxy costs on this machine; fixed rate only)
 * and through Tollgate. First at a fixed rate (the latency comparison: three rounds per path, taken
 * in turns, their requests pooled), then with no rate limit against an upstream that answers at
 * once (throughput). Settings: flags or BENCH_* variables, see `settingsFrom`.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { describeLateness, idleTimerLateness, type TimerLateness } from './idle-timer-lateness.js';
import { summarise } from './latency-summary.js';
import type { LoadMessage, LoadResult } from './load.js';
import {
  type Child,
  cpuSeconds,
  eachLine,
  firstLine,
  freePort,
  startNode,
  stop,
  stopAll,
  stopChildrenOnExit,
  waitForHealthy,
} from './processes.js';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

interface Settings {
  durationSeconds: number;
  /** Fixed-rate runs per path, taken in turns (direct, bare proxy, Tollgate, direct, …) and pooled. */
  rounds: number;
  warmupSeconds: number;
  rate: number;
  connections: number;
  latencyMs: number;
  logLevel: string;
  /** CPU the reference proxy spins per request (µs): an experiment, see reference-proxy.ts. */
  referenceBusyUs: number;
}

type Target = 'direct' | 'reference' | 'tollgate';

interface Measurement {
  workload: 'JSON' | 'SSE';
  target: Target;
  result: LoadResult;
  /**
   * CPU time of the server under test (the upstream when direct, the proxy alone otherwise)
   * during the measured phase, per request served.
   */
  cpuMicrosecondsPerRequest: number | undefined;
  /** Added p99 of each round against that round's direct run (pooled measurements only). */
  addedP99ByRound?: number[];
}

interface Servers {
  upstream: Child;
  upstreamUrl: string;
  reference: Child;
  referenceUrl: string;
  tollgate: Child;
  gatewayUrl: string;
  accessToken: string;
}

function settingsFrom(argv: string[]): Settings {
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
    durationSeconds: number(values.duration, 'BENCH_DURATION', 10),
    rounds: Math.max(1, Math.round(number(values.rounds, 'BENCH_ROUNDS', 3))),
    warmupSeconds: number(values.warmup, 'BENCH_WARMUP', 5),
    rate: number(values.rate, 'BENCH_RATE', 500),
    connections: number(values.connections, 'BENCH_CONNECTIONS', 50),
    latencyMs: number(values['latency-ms'], 'BENCH_LATENCY_MS', 20),
    logLevel: values['log-level'] ?? process.env.TOLLGATE_LOG_LEVEL ?? 'info',
    referenceBusyUs: number(values['reference-busy-us'], 'BENCH_REFERENCE_BUSY_US', 0),
  };
  // The load generator gives each connection a whole number of requests per second.
  if (settings.rate !== 0 && settings.rate < settings.connections) {
    throw new Error('BENCH_RATE must be at least BENCH_CONNECTIONS');
  }
  return settings;
}

function alphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

/** Starts a TypeScript server script that prints `{"url": …}` as its first line once it listens. */
async function startServerScript(name: string, args: string[]): Promise<{ child: Child; url: string }> {
  const child = startNode(name, ['--import', 'tsx', ...args], { cwd: repositoryRoot });
  const url = await firstLine(child, (line) => {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null && 'url' in parsed && typeof parsed.url === 'string'
      ? parsed.url
      : undefined;
  });
  return { child, url };
}

function startUpstream(latencyMs: number, port = 0): Promise<{ child: Child; url: string }> {
  return startServerScript(`fake upstream (${latencyMs} ms)`, [
    'test/fake-upstream/cli.ts',
    '--port',
    String(port),
    '--latency',
    String(latencyMs),
  ]);
}

const providerKey = 'sk-bench-0123456789';

function startReferenceProxy(upstreamUrl: string, busyUs: number): Promise<{ child: Child; url: string }> {
  return startServerScript('reference proxy', [
    'bench/reference-proxy.ts',
    '--upstream',
    upstreamUrl,
    '--key',
    providerKey,
    '--busy-us',
    String(busyUs),
  ]);
}

async function post(url: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function startServers(settings: Settings, workDirectory: string): Promise<Servers> {
  const upstream = await startUpstream(settings.latencyMs);
  const [gatewayPort, adminPort] = [await freePort(), await freePort()];
  const apiKey = `tgapi-${alphanumeric(16)}-g1-${alphanumeric(48)}`;
  const tollgate = startNode('tollgate', ['bin/tollgate.js', 'serve'], {
    cwd: repositoryRoot,
    logFile: join(workDirectory, 'tollgate.log'),
    env: {
      // Only the settings below: none of the caller's own TOLLGATE_* (a Redis URL, say).
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TOLLGATE_'))),
      TOLLGATE_DATABASE_URL: `sqlite:${join(workDirectory, 'tollgate.db')}`,
      TOLLGATE_GATEWAY_HOST: '127.0.0.1',
      TOLLGATE_GATEWAY_PORT: String(gatewayPort),
      TOLLGATE_ADMIN_HOST: '127.0.0.1',
      TOLLGATE_ADMIN_PORT: String(adminPort),
      TOLLGATE_BOOTSTRAP_API_KEY: apiKey,
      TOLLGATE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
      TOLLGATE_PROVIDER_OPENAI_BASE_URL: `${upstream.url}/v1`,
      TOLLGATE_LOG_LEVEL: settings.logLevel,
    },
  });
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  await waitForHealthy(tollgate, [`${gatewayUrl}/healthz`, `${adminUrl}/healthz`]);
  await post(`${adminUrl}/provider-keys`, apiKey, {
    providerId: 'openai',
    name: 'bench',
    value: providerKey,
  });
  const accessKey = await post(`${adminUrl}/access-keys`, apiKey, { name: 'bench' });
  if (typeof accessKey.token !== 'string') throw new Error('POST /access-keys returned no token');
  const reference = await startReferenceProxy(upstream.url, settings.referenceBusyUs);
  return {
    upstream: upstream.child,
    upstreamUrl: upstream.url,
    reference: reference.child,
    referenceUrl: reference.url,
    tollgate,
    gatewayUrl,
    accessToken: accessKey.token,
  };
}

const gatewayCheckRequests = 2;

/** Seconds the idle machine is watched before the load starts (see idle-timer-lateness.ts). */
const idleProbeSeconds = 5;

/** One request each way through Tollgate, so that a broken gateway fails with its own error message. */
async function checkGateway(servers: Servers): Promise<void> {
  for (const stream of [false, true]) {
    const response = await fetch(`${servers.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${servers.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'openai:gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        stream,
      }),
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`gateway check (stream: ${stream}) answered ${response.status}: ${text}`);
    }
  }
}

async function measure(
  servers: Servers,
  settings: Settings,
  workload: Measurement['workload'],
  target: Target,
  rate: number,
): Promise<Measurement> {
  const server = { direct: servers.upstream, reference: servers.reference, tollgate: servers.tollgate }[
    target
  ];
  const url = { direct: servers.upstreamUrl, reference: servers.referenceUrl, tollgate: servers.gatewayUrl }[
    target
  ];
  const token = target === 'tollgate' ? servers.accessToken : providerKey;
  const load = startNode(
    'load generator',
    [
      '--import',
      'tsx',
      'bench/load.ts',
      `--url=${url}/v1/chat/completions`,
      `--model=${target === 'tollgate' ? 'openai:gpt-4o-mini' : 'gpt-4o-mini'}`,
      ...(workload === 'SSE' ? ['--stream'] : []),
      `--duration=${settings.durationSeconds}`,
      `--warmup=${settings.warmupSeconds}`,
      `--rate=${rate}`,
      `--connections=${settings.connections}`,
    ],
    { cwd: repositoryRoot, env: { ...process.env, BENCH_BEARER_TOKEN: token } },
  );
  let cpuAtStart: number | undefined;
  let cpuAtEnd: number | undefined;
  let result: LoadResult | undefined;
  await eachLine(load, (line) => {
    const message = JSON.parse(line) as LoadMessage;
    if (!('phase' in message)) result = message.result;
    else if (message.phase === 'measure') cpuAtStart = cpuSeconds(server.pid);
    else cpuAtEnd = cpuSeconds(server.pid);
  });
  if (result === undefined) throw new Error('the load generator printed no result');
  const cpuMicrosecondsPerRequest =
    cpuAtStart === undefined || cpuAtEnd === undefined || result.succeeded === 0
      ? undefined
      : ((cpuAtEnd - cpuAtStart) * 1e6) / result.succeeded;
  process.stderr.write(
    `  ${workload} ${target.padEnd(9)} ${rate === 0 ? 'max' : `${rate}/s`}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latency.p99.toFixed(2)} ms\n`,
  );
  return { workload, target, result, cpuMicrosecondsPerRequest };
}

function failuresOf(result: LoadResult): number {
  const { non2xx, errors, timeouts, mismatches } = result.failures;
  return non2xx + errors + timeouts + mismatches;
}

const milliseconds = (value: number): string => value.toFixed(2);
const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** 'a bare proxy', or with --reference-busy-us, what it was made to spend. */
function referenceName(settings: Settings): string {
  return settings.referenceBusyUs > 0
    ? `a bare proxy spinning ${settings.referenceBusyUs} µs a request`
    : 'a bare proxy';
}

function pathName(target: Target, settings: Settings): string {
  if (target === 'direct') return 'direct to upstream';
  if (target === 'tollgate') return 'through Tollgate';
  return `through ${referenceName(settings)}${settings.referenceBusyUs > 0 ? '' : ' (floor)'}`;
}

function find(measurements: Measurement[], workload: Measurement['workload'], target: Target) {
  return measurements.find(
    (measurement) => measurement.workload === workload && measurement.target === target,
  );
}

function rateTable(measurements: Measurement[], settings: Settings): string[] {
  const lines = [
    row(['workload', 'path', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failed', 'server CPU µs/req']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const workload of ['JSON', 'SSE'] as const) {
    const direct = find(measurements, workload, 'direct');
    for (const target of ['direct', 'reference', 'tollgate'] as const) {
      const measurement = find(measurements, workload, target);
      if (measurement === undefined) continue;
      const { latency } = measurement.result;
      lines.push(
        row([
          workload,
          pathName(target, settings),
          measurement.result.requestsPerSecond.toFixed(0),
          milliseconds(latency.p50),
          milliseconds(latency.p90),
          milliseconds(latency.p99),
          milliseconds(latency.max),
          String(failuresOf(measurement.result)),
          measurement.cpuMicrosecondsPerRequest?.toFixed(0) ?? 'n/a',
        ]),
      );
    }
    for (const target of ['reference', 'tollgate'] as const) {
      const proxied = find(measurements, workload, target);
      if (direct === undefined || proxied === undefined) continue;
      const bold = target === 'tollgate' ? '**' : '';
      const added = (pick: (latency: LoadResult['latency']) => number): string =>
        `${bold}${signed(pick(proxied.result.latency) - pick(direct.result.latency))}${bold}`;
      lines.push(
        row([
          workload,
          target === 'tollgate' ? '**added by Tollgate**' : `added by ${referenceName(settings)}`,
          '',
          added((latency) => latency.p50),
          added((latency) => latency.p90),
          added((latency) => latency.p99),
          '',
          '',
          '',
        ]),
      );
    }
  }
  return lines;
}

function throughputTable(measurements: Measurement[], settings: Settings): string[] {
  const lines = [
    row(['workload', 'path', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'server CPU µs/req']),
    row(['---', '---', '---:', '---:', '---:', '---:', '---:']),
  ];
  for (const measurement of measurements) {
    lines.push(
      row([
        measurement.workload,
        pathName(measurement.target, settings),
        measurement.result.requestsPerSecond.toFixed(0),
        milliseconds(measurement.result.latency.p50),
        milliseconds(measurement.result.latency.p99),
        String(failuresOf(measurement.result)),
        measurement.cpuMicrosecondsPerRequest?.toFixed(0) ?? 'n/a',
      ]),
    );
  }
  return lines;
}

function addedP99(
  measurements: Measurement[],
  workload: Measurement['workload'],
  target: Exclude<Target, 'direct'>,
): number | undefined {
  const direct = find(measurements, workload, 'direct')?.result.latency.p99;
  const proxied = find(measurements, workload, target)?.result.latency.p99;
  return direct === undefined || proxied === undefined ? undefined : proxied - direct;
}

/** ` (rounds: +1.20, +0.90, +2.10)`, each round's own added p99, when there was more than one. */
function byRound(measurements: Measurement[], workload: Measurement['workload'], target: Target): string {
  const added = find(measurements, workload, target)?.addedP99ByRound ?? [];
  return added.length > 1 ? ` (rounds: ${added.map(signed).join(', ')})` : '';
}

function rounds(settings: Settings): string {
  return settings.rounds === 1
    ? `${settings.durationSeconds} s`
    : `${settings.rounds} rounds of ${settings.durationSeconds} s per path, taken in turns and pooled`;
}

function countUsageEvents(databasePath: string): number {
  const database = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const row = database.prepare('SELECT count(*) AS count FROM usage_events').get() as { count: number };
    return row.count;
  } finally {
    database.close();
  }
}

function usageReport(databasePath: string, measurements: Measurement[]): string {
  const gatewayRuns = measurements.filter((measurement) => measurement.target === 'tollgate');
  const succeeded =
    gatewayCheckRequests +
    gatewayRuns.reduce(
      (total, measurement) => total + measurement.result.succeeded + measurement.result.warmupSucceeded,
      0,
    );
  const cutOffAtMost = gatewayRuns.reduce((total, measurement) => total + measurement.result.cutOffAtMost, 0);
  const usageEvents = countUsageEvents(databasePath);
  const extra = usageEvents - succeeded;
  if (extra === 0) return `Usage events: ${usageEvents}, one per successful gateway request.`;
  const explained =
    extra > 0 && extra <= cutOffAtMost
      ? `the ${extra} more are requests in flight when the load generator hung up (at most ${cutOffAtMost}), which Tollgate served and metered anyway`
      : `MISMATCH: ${extra > 0 ? 'more' : 'fewer'} than the at most ${cutOffAtMost} requests cut off when the load generator stopped can explain`;
  return `Usage events: ${usageEvents} for ${succeeded} successful gateway requests; ${explained}.`;
}

async function measureAll(
  servers: Servers,
  settings: Settings,
  rate: number,
  targets: readonly Target[],
  rounds = 1,
): Promise<Measurement[]> {
  const measurements: Measurement[] = [];
  for (const workload of ['JSON', 'SSE'] as const) {
    // In turns, so that a slow minute of the machine falls on every path alike.
    const runs: Measurement[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) runs.push(await measure(servers, settings, workload, target, rate));
    }
    const direct = runs.filter((run) => run.target === 'direct');
    for (const target of targets) {
      const ofTarget = runs.filter((run) => run.target === target);
      measurements.push({
        ...pooled(ofTarget),
        addedP99ByRound: ofTarget.map(
          (run, round) => run.result.latency.p99 - (direct[round]?.result.latency.p99 ?? Number.NaN),
        ),
      });
    }
  }
  return measurements;
}

/** One measurement of the runs of one path: percentiles over all their requests together. */
function pooled(runs: Measurement[]): Measurement {
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
  const cpu = runs.map((run) => run.cpuMicrosecondsPerRequest);
  const succeeded = total((result) => result.succeeded);
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
    cpuMicrosecondsPerRequest: cpu.includes(undefined)
      ? undefined
      : runs.reduce((sum, run) => sum + (run.cpuMicrosecondsPerRequest ?? 0) * run.result.succeeded, 0) /
        succeeded,
  };
}

/** Throughput is CPU-bound only if the upstream answers at once. Same port: Tollgate just reconnects. */
async function restartUpstreamWithoutLatency(servers: Servers): Promise<void> {
  await stop(servers.upstream);
  servers.upstream = (await startUpstream(0, Number(new URL(servers.upstreamUrl).port))).child;
}

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
}

function report(
  settings: Settings,
  atRate: Measurement[],
  atMax: Measurement[],
  loadBefore: number,
  idle: TimerLateness,
): string[] {
  const lines = [
    '',
    `Machine: ${machine()}; 1-minute load average ${loadBefore.toFixed(2)} before the run, ` +
      `${(loadavg()[0] ?? 0).toFixed(2)} after (more than the CPU count means other processes competed).`,
    `Before the load, ${describeLateness(idle)}.`,
    '',
    `## Latency at a fixed rate (${settings.rate} req/s, ${settings.connections} connections, ` +
      `${rounds(settings)}, upstream latency ${settings.latencyMs} ms, log level ${settings.logLevel})`,
    '',
    ...rateTable(atRate, settings),
    '',
    `## Max throughput (no rate limit, ${settings.connections} connections, ${settings.durationSeconds} s, ` +
      'upstream latency 0 ms)',
    '',
    ...throughputTable(atMax, settings),
    '',
  ];
  for (const workload of ['JSON', 'SSE'] as const) {
    const added = addedP99(atRate, workload, 'tollgate');
    if (added === undefined) continue;
    const floor = addedP99(atRate, workload, 'reference');
    lines.push(
      `Goal (added p99 < 2 ms at ${settings.rate} req/s), ${workload}: ${signed(added)} ms` +
        `${byRound(atRate, workload, 'tollgate')}, ${added < 2 ? 'met' : 'NOT met'}` +
        (floor === undefined
          ? '.'
          : ` (${referenceName(settings)} adds ${signed(floor)} ms on this machine${byRound(atRate, workload, 'reference')}).`),
    );
  }
  return lines;
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.argv.slice(2));
  stopChildrenOnExit();
  const loadBefore = loadavg()[0] ?? 0;
  process.stderr.write(
    `Tollgate benchmark on ${machine()}; 1-minute load average ${loadBefore.toFixed(2)}\n`,
  );
  const workDirectory = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  // On 'exit', so that it also goes when Ctrl-C ends the run early.
  process.once('exit', () => rmSync(workDirectory, { recursive: true, force: true }));
  try {
    const servers = await startServers(settings, workDirectory);
    await checkGateway(servers);
    // While every server is up but idle: the machine's own scheduling floor.
    const idle = await idleTimerLateness(idleProbeSeconds);
    process.stderr.write(`Idle machine: ${describeLateness(idle)}\n`);

    process.stderr.write(
      `Fixed rate: ${settings.rate} req/s, ${settings.connections} connections, ${settings.warmupSeconds} s warm-up + ` +
        `${rounds(settings)}, upstream latency ${settings.latencyMs} ms, Tollgate log level ${settings.logLevel}\n`,
    );
    const atRate = await measureAll(
      servers,
      settings,
      settings.rate,
      ['direct', 'reference', 'tollgate'],
      settings.rounds,
    );
    await restartUpstreamWithoutLatency(servers);
    process.stderr.write(
      `Max throughput: no rate limit, ${settings.connections} connections, upstream latency 0 ms\n`,
    );
    const atMax = await measureAll(servers, settings, 0, ['direct', 'tollgate']);

    // Stopped first, so that whatever it still had to write is in the database.
    await stop(servers.tollgate);
    const lines = report(settings, atRate, atMax, loadBefore, idle);
    lines.push(usageReport(join(workDirectory, 'tollgate.db'), [...atRate, ...atMax]));
    const failed = [...atRate, ...atMax].filter((measurement) => failuresOf(measurement.result) > 0);
    for (const measurement of failed) {
      lines.push(
        `FAILED: ${measurement.workload} ${measurement.target}: ${JSON.stringify(measurement.result.failures)}, ` +
          `status codes ${JSON.stringify(measurement.result.statusCodes)}`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return failed.length === 0 ? 0 : 1;
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
