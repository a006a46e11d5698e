/**
 * `npm run bench`: Tollgate in several configurations, each figure printed as a ratio to a bare
 * reference proxy (bench/reference-proxy.ts: node:http + undici, nothing else) measured in the
 * same run. On a shared 2-vCPU machine absolute milliseconds move from run to run; ratios hold.
 *
 * Configurations (`--configs a,b` or BENCH_CONFIGS; default all four), each on a fresh database:
 *   sqlite-free       SQLite, BYOK provider key, no fee: no money moves
 *   sqlite-credits    SQLite, a fee on every request (TOLLGATE_FEE_PER_MTOK_USD=0.05), paid from a grant
 *   postgres-free     the same two on a Postgres database of their own (BENCH_POSTGRES_URL, default
 *   postgres-credits  postgres://postgres@127.0.0.1:5432/test; dropped at the end, on Ctrl-C too)
 *
 * Order: in rounds, taken in turns so that a slow minute of this shared machine falls on every
 * path alike, each round measures, JSON then SSE:
 *   1. at a fixed rate against an upstream that answers in 20 ms (the latency comparison):
 *      direct to the upstream, then for each configuration the reference and right after it
 *      the configuration;
 *   2. with no rate limit against an upstream that answers at once (throughput, CPU-bound):
 *      direct, then for each configuration the reference and the configuration together, the
 *      load switching between them every 250 ms (bench/alternating-load.ts), so that both are
 *      measured over the same seconds: this machine's speed moves by half within a minute.
 * Each path's runs are pooled over the rounds, and each configuration's ratios are to the
 * reference runs paired with its own (`reference paired with <configuration>`). A credits
 * configuration's "× own fee-0" is the ratio of the two configurations' ratios to their
 * references, so that drift between their turns cancels too.
 * The fake upstreams, the reference proxies (one per upstream) and the load generator are `node`
 * processes of their own; so is Tollgate, one at a time: a configuration gets a fresh database at
 * the start, and a Tollgate process on it for each of its turns (started, checked, measured,
 * stopped gracefully). After the last round its usage (and, with credits, its money) is checked
 * in the database.
 *
 * Defaults (flags or BENCH_* variables, see settings.ts): --rounds 2, --duration 6 (s measured per
 * run), --warmup 3 (s at full speed before each run), --rate 500, --connections 50, --latency-ms 20.
 * About 1¼ minutes for direct plus 3 per configuration (its turns and the reference's): about
 * 14 minutes for all four on 2 vCPUs.
 * Exits with 1 on any failed request, failed configuration or usage/money mismatch.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLateness, idleTimerLateness } from './idle-timer-lateness.js';
import {
  failuresOf,
  type Measurement,
  measure,
  measureAlternating,
  pooledByPath,
  type Target,
  workloads,
} from './measure.js';
import { stopAll, stopChildrenOnExit } from './processes.js';
import { report } from './ratio-report.js';
import {
  buildReferenceProxy,
  providerKey,
  type ServerScript,
  startReferenceProxy,
  startUpstream,
} from './server-scripts.js';
import { type Settings, settingsFrom } from './settings.js';
import { measureStartups, type StartupFigures } from './startup.js';
import {
  configFor,
  createDeployment,
  type Deployment,
  startTollgate,
  stopTollgate,
} from './tollgate-configs.js';
import { checkUsage } from './usage-check.js';

/** Seconds the idle machine is watched before the load starts (see idle-timer-lateness.ts). */
const idleProbeSeconds = 5;

function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

function bareTarget(name: 'direct' | 'reference', server: ServerScript): Target {
  return { name, pid: server.child.pid, url: server.url, token: providerKey, model: 'gpt-4o-mini' };
}

/**
 * Starts the configuration's Tollgate against the upstream, lets `work` measure it, and stops it.
 * A configuration that fails (to start, to answer, to stop cleanly) is marked failed and skipped
 * from then on, so that the others still get measured.
 */
async function visit(
  deployment: Deployment,
  upstreamUrl: string,
  settings: Settings,
  work: (target: Target) => Promise<void>,
): Promise<void> {
  if (deployment.failure !== undefined) return;
  const problems: string[] = [];
  const running = await startTollgate(deployment, upstreamUrl, settings).catch((error: unknown) => {
    problems.push(messageOf(error));
    return undefined;
  });
  if (running !== undefined) {
    await work({
      name: deployment.config.name,
      pid: running.child.pid,
      url: running.gatewayUrl,
      token: deployment.accessToken ?? '',
      model: 'openai:gpt-4o-mini',
      databasePids: deployment.config.dialect === 'postgres' ? deployment.database.backendPids : undefined,
    }).catch((error: unknown) => problems.push(messageOf(error)));
    const stopped = await stopTollgate(running);
    if (stopped !== undefined) problems.push(stopped);
  }
  if (problems.length > 0) {
    deployment.failure = problems.join('\n');
    log(`  ${deployment.config.name} FAILED: ${deployment.failure}`);
  }
}

async function dropDatabases(deployments: Deployment[]): Promise<void> {
  const drops = await Promise.allSettled(deployments.map((deployment) => deployment.database.drop()));
  for (const drop of drops) {
    if (drop.status === 'rejected') log(`could not drop a benchmark database: ${String(drop.reason)}`);
  }
}

/** One kind of run: its rate, and the upstream (with its latency) and reference proxy it uses. */
interface Phase {
  rate: number;
  upstream: ServerScript;
  reference: ServerScript;
  runs: Measurement[];
}

async function startPhase(
  rate: number,
  latencyMs: number,
  settings: Settings,
  referenceFile: string,
): Promise<Phase> {
  const upstream = await startUpstream(latencyMs);
  const reference = await startReferenceProxy(referenceFile, upstream.url, settings.referenceBusyUs);
  return { rate, upstream, reference, runs: [] };
}

async function main(): Promise<number> {
  const settings = settingsFrom(process.argv.slice(2));
  const deployments: Deployment[] = [];
  stopChildrenOnExit(() => dropDatabases(deployments));
  const loadBefore = loadavg()[0] ?? 0;
  log(`Tollgate benchmark on ${machine()}; 1-minute load average ${loadBefore.toFixed(2)}`);
  log(`Configurations: ${settings.configs.join(', ')}`);
  const workDirectory = mkdtempSync(join(tmpdir(), 'tollgate-bench-'));
  // On 'exit', so that it also goes when Ctrl-C ends the run early.
  process.once('exit', () => rmSync(workDirectory, { recursive: true, force: true }));
  try {
    const referenceFile = await buildReferenceProxy(workDirectory);
    const atRate = await startPhase(settings.rate, settings.latencyMs, settings, referenceFile);
    // Throughput is CPU-bound only if the upstream answers at once.
    const atMax = await startPhase(0, 0, settings, referenceFile);
    for (const name of settings.configs) {
      deployments.push(await createDeployment(configFor(name), settings, workDirectory));
    }
    let startup: StartupFigures[] = [];
    if (settings.starts > 0) {
      log(`Start-up: ${settings.starts} measured starts of the reference and of each runtime`);
      startup = await measureStartups({
        starts: settings.starts,
        referenceFile,
        upstreamUrl: atMax.upstream.url,
        workDirectory,
      });
    }
    // While the servers are up but idle: the machine's own scheduling floor.
    const idle = await idleTimerLateness(idleProbeSeconds);
    log(`Idle machine: ${describeLateness(idle)}`);
    log(
      `Fixed rate: ${settings.rate} req/s, ${settings.connections} connections, upstream latency ` +
        `${settings.latencyMs} ms; max throughput: no rate limit, upstream latency 0 ms. Each run ` +
        `${settings.warmupSeconds} s warm-up + ${settings.durationSeconds} s; Tollgate log level ${settings.logLevel}`,
    );

    const measureBoth = async (target: Target, phase: Phase) => {
      for (const workload of workloads)
        phase.runs.push(await measure(target, settings, workload, phase.rate));
    };
    // In turns, so that a slow minute of this shared machine falls on every path alike.
    for (let round = 1; round <= settings.rounds; round++) {
      for (const phase of [atRate, atMax]) {
        log(` round ${round} of ${settings.rounds}, ${phase.rate === 0 ? 'max throughput' : 'fixed rate'}`);
        await measureBoth(bareTarget('direct', phase.upstream), phase);
        for (const deployment of deployments) {
          const reference = {
            ...bareTarget('reference', phase.reference),
            pairedWith: deployment.config.name,
          };
          if (phase.rate === 0) {
            // Throughput: the reference and the configuration over the same seconds, the load
            // switching between them every 250 ms (this machine's speed moves by half in a minute).
            await visit(deployment, phase.upstream.url, settings, async (target) => {
              for (const workload of workloads) {
                phase.runs.push(...(await measureAlternating([reference, target], settings, workload)));
              }
            });
          } else {
            // Latency at the fixed rate: the reference right before the configuration.
            await measureBoth(reference, phase);
            await visit(deployment, phase.upstream.url, settings, (target) => measureBoth(target, phase));
          }
        }
      }
    }

    // Every Tollgate process has stopped: whatever they held is in the databases now.
    const checks: string[] = [];
    let mismatch = false;
    for (const deployment of deployments) {
      const served = [...atRate.runs, ...atMax.runs].filter((run) => run.target === deployment.config.name);
      const check = await checkUsage(deployment, served).catch((error: unknown) => ({
        lines: [`Usage (${deployment.config.name}): MISMATCH: could not be read: ${messageOf(error)}`],
        mismatch: true,
      }));
      for (const line of check.lines) log(`  ${line}`);
      checks.push(...check.lines);
      mismatch ||= check.mismatch;
    }

    const all = [...atRate.runs, ...atMax.runs];
    const lines = [
      '',
      `Machine: ${machine()}; 1-minute load average ${loadBefore.toFixed(2)} before the run, ` +
        `${(loadavg()[0] ?? 0).toFixed(2)} after (more than the CPU count means other processes competed).`,
      `Before the load, ${describeLateness(idle)}.`,
      '',
      ...report({
        settings,
        configs: deployments.map((deployment) => deployment.config),
        atRate: pooledByPath(atRate.runs),
        atMax: pooledByPath(atMax.runs),
        startup,
      }),
      '',
      ...checks,
    ];
    const failedRuns = all.filter((run) => failuresOf(run.result) > 0);
    for (const run of failedRuns) {
      lines.push(
        `FAILED: ${run.workload} ${run.target}: ${JSON.stringify(run.result.failures)}, ` +
          `status codes ${JSON.stringify(run.result.statusCodes)}`,
      );
    }
    const failedConfigs = deployments.filter((deployment) => deployment.failure !== undefined);
    for (const deployment of failedConfigs) {
      // The first line says what; the log tail that follows it went to stderr when it happened.
      lines.push(`FAILED configuration ${deployment.config.name}: ${deployment.failure?.split('\n')[0]}`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return failedRuns.length === 0 && failedConfigs.length === 0 && !mismatch ? 0 : 1;
  } finally {
    await stopAll();
    await dropDatabases(deployments);
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`benchmark failed: ${messageOf(error)}\n`);
    process.exitCode = 1;
  },
);
