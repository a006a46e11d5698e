/**
 * The Tollgate configurations the benchmark compares, and the Tollgate processes that serve them.
 * A configuration is a database (fresh for the run) plus the settings its processes start with;
 * the harness starts one process per visit (a round at the fixed rate, then the full-speed runs),
 * one Tollgate at a time, on the same database, so that its usage and money add up over the run.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { type BenchDatabase, createDatabase, type Dialect } from './databases.js';
import { type Child, freePort, startNode, stop, waitForHealthy } from './processes.js';
import { providerKey, repositoryRoot } from './server-scripts.js';
import type { ConfigName, Settings } from './settings.js';

/** Per million tokens: small, but every request then holds and settles credits. */
const creditsFeePerMTokUsd = '0.05';
/** $1,000,000: more than any run can spend, so that no request is refused for want of credits. */
const grantCents = 100_000_000;
/** Long enough for a graceful stop to settle and flush whatever a credits configuration holds. */
const stopGraceMs = 15_000;

/** How Tollgate's code runs: the compiled build, or the TypeScript sources through tsx (before it). */
export type Runtime = 'compiled' | 'tsx';

export interface TollgateConfig {
  name: ConfigName;
  dialect: Dialect;
  /** A fee on every request, paid from a granted balance; off = BYOK with no fee, no money moves. */
  credits: boolean;
  runtime: Runtime;
}

export function configFor(name: ConfigName): TollgateConfig {
  return {
    name,
    dialect: name.startsWith('postgres') ? 'postgres' : 'sqlite',
    credits: name.includes('-credits'),
    runtime: name.endsWith('-tsx') ? 'tsx' : 'compiled',
  };
}

/** `node` arguments that run `tollgate serve` in the runtime. */
export function serveArguments(runtime: Runtime): string[] {
  return runtime === 'compiled' ? ['bin/tollgate.js', 'serve'] : ['--import', 'tsx', 'src/cli.ts', 'serve'];
}

/** What a configuration's processes share: the database, the keys, and what its first start made. */
export interface Deployment {
  config: TollgateConfig;
  database: BenchDatabase;
  /** Bootstrap operator key, the same for every process (bootstrap only acts on an empty database). */
  apiKey: string;
  encryptionKey: string;
  logFile: string;
  /** The access key the load is sent with; set by the first start. */
  accessToken?: string;
  /** The account that pays (the bootstrap key's); set by the first start. */
  accountId?: string;
  /** Successful requests sent by the start-up checks, which the usage check counts too. */
  checkRequests: number;
  /** Why this configuration stopped being measured, if it did. */
  failure?: string;
}

export interface RunningTollgate {
  child: Child;
  gatewayUrl: string;
}

function alphanumeric(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
}

export async function createDeployment(
  config: TollgateConfig,
  settings: Settings,
  workDirectory: string,
): Promise<Deployment> {
  return {
    config,
    database: await createDatabase(config.dialect, config.name, workDirectory, settings.postgresAdminUrl),
    apiKey: `tgapi-${alphanumeric(16)}-g1-${alphanumeric(48)}`,
    encryptionKey: randomBytes(32).toString('base64'),
    logFile: join(workDirectory, `${config.name}.log`),
    checkRequests: 0,
  };
}

async function call(method: 'GET' | 'POST', url: string, token: string, body?: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const expected = method === 'POST' ? 201 : 200;
  if (response.status !== expected) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

function field(value: unknown, name: string, what: string): string {
  const found =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
  if (typeof found !== 'string') throw new Error(`${what} returned no ${name}`);
  return found;
}

/** Provider key and access key; for a credits configuration, a grant to the paying account. */
async function provision(deployment: Deployment, adminUrl: string): Promise<void> {
  const { apiKey } = deployment;
  await call('POST', `${adminUrl}/provider-keys`, apiKey, {
    providerId: 'openai',
    name: 'bench',
    value: providerKey,
  });
  const accessKey = await call('POST', `${adminUrl}/access-keys`, apiKey, { name: 'bench' });
  deployment.accessToken = field(accessKey, 'token', 'POST /access-keys');
  deployment.accountId = field(await call('GET', `${adminUrl}/me`, apiKey), 'accountId', 'GET /me');
  if (deployment.config.credits) {
    await call('POST', `${adminUrl}/accounts/${deployment.accountId}/credits/grants`, apiKey, {
      amountCents: grantCents,
      category: 'purchase',
    });
  }
}

/** One request each way, so that a broken gateway fails with its own error message. */
async function checkGateway(deployment: Deployment, gatewayUrl: string): Promise<void> {
  for (const stream of [false, true]) {
    const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deployment.accessToken}`, 'content-type': 'application/json' },
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
    deployment.checkRequests++;
  }
}

/** Starts a Tollgate process for the configuration, provisions it on its first start, and checks it. */
export async function startTollgate(
  deployment: Deployment,
  upstreamUrl: string,
  settings: Settings,
): Promise<RunningTollgate> {
  const [gatewayPort, adminPort] = [await freePort(), await freePort()];
  // BENCH_TOLLGATE_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`) profiles Tollgate under the load.
  const nodeArgs = (process.env.BENCH_TOLLGATE_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
  const serve = [...nodeArgs, ...serveArguments(deployment.config.runtime)];
  const child = startNode(`tollgate (${deployment.config.name})`, serve, {
    // BENCH_TOLLGATE_ROOT runs the build of another checkout (its bin/ and dist/), to compare two.
    cwd: process.env.BENCH_TOLLGATE_ROOT ?? repositoryRoot,
    logFile: deployment.logFile,
    env: {
      // Only the settings below: none of the caller's own TOLLGATE_* (a Redis URL, say).
      ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('TOLLGATE_'))),
      TOLLGATE_DATABASE_URL: deployment.database.url,
      TOLLGATE_GATEWAY_HOST: '127.0.0.1',
      TOLLGATE_GATEWAY_PORT: String(gatewayPort),
      TOLLGATE_ADMIN_HOST: '127.0.0.1',
      TOLLGATE_ADMIN_PORT: String(adminPort),
      TOLLGATE_BOOTSTRAP_API_KEY: deployment.apiKey,
      TOLLGATE_ENCRYPTION_KEY: deployment.encryptionKey,
      TOLLGATE_PROVIDER_OPENAI_BASE_URL: `${upstreamUrl}/v1`,
      TOLLGATE_FEE_PER_MTOK_USD: deployment.config.credits ? creditsFeePerMTokUsd : '0',
      TOLLGATE_LOG_LEVEL: settings.logLevel,
    },
  });
  const running = { child, gatewayUrl: `http://127.0.0.1:${gatewayPort}` };
  try {
    const adminUrl = `http://127.0.0.1:${adminPort}`;
    await waitForHealthy(child, [`${running.gatewayUrl}/healthz`, `${adminUrl}/healthz`]);
    if (deployment.accessToken === undefined) await provision(deployment, adminUrl);
    await checkGateway(deployment, running.gatewayUrl);
    return running;
  } catch (error) {
    await stop(child);
    // Its log says why more often than the error does.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.includes(child.tail()) ? message : `${message}\n${child.tail()}`);
  }
}

/** SIGTERM, so that it settles and writes what it still holds; says so if it did not exit cleanly. */
export async function stopTollgate(running: RunningTollgate): Promise<string | undefined> {
  await stop(running.child, stopGraceMs);
  const code = await running.child.exited;
  return code === 0
    ? undefined
    : `${running.child.name} exited with ${code} when stopped:\n${running.child.tail()}`;
}
