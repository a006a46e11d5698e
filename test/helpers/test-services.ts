/**
 * Which external services this test run uses: PostgreSQL and Redis. Each is chosen by a variable:
 *
 * - `TOLLGATE_TEST_POSTGRES` / `TOLLGATE_TEST_REDIS` = `on`: required (the run stops at once if it
 *   does not answer); `off`: its suites are skipped; unset: `on` under CI (`CI` set), else used
 *   when it answers and skipped, with a word at the start and the end of the run, when it does not.
 * - `TOLLGATE_TEST_POSTGRES_URL` (default `postgres://postgres@127.0.0.1:5432/test`) and
 *   `TOLLGATE_TEST_REDIS_URL` (default `redis://127.0.0.1:6379`) say where they are.
 *
 * The Redis fault suite starts a `redis-server` of its own: it runs when Redis is selected and the
 * binary is installed.
 *
 * The global setup decides once (`chooseTestServices`) and hands the choice to every test file
 * (`provide`/`inject`), which reads it through `test/helpers/databases.ts`.
 */
import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import pg from 'pg';

export interface TestServices {
  postgres: boolean;
  redis: boolean;
  /** `redis-server` is installed, for the suites that start a Redis of their own. */
  redisServer: boolean;
  /** One line per service left out, saying why and how to include it. */
  skipped: string[];
}

export const postgresTestUrl =
  process.env.TOLLGATE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const redisTestUrl = process.env.TOLLGATE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

type Choice = 'on' | 'off' | 'auto';

function choiceOf(variable: string): Choice {
  const value = process.env[variable];
  if (value === undefined || value === '') return process.env.CI ? 'on' : 'auto';
  if (value === 'on' || value === 'off' || value === 'auto') return value;
  throw new Error(`${variable} must be on, off or auto (got "${value}")`);
}

export async function chooseTestServices(): Promise<TestServices> {
  const skipped: string[] = [];
  const postgres = await choose(
    'TOLLGATE_TEST_POSTGRES',
    'PostgreSQL',
    postgresTestUrl,
    postgresAnswers,
    skipped,
  );
  const redis = await choose('TOLLGATE_TEST_REDIS', 'Redis', redisTestUrl, redisAnswers, skipped);
  const redisServer = redis && spawnSync('redis-server', ['--version']).status === 0;
  if (redis && !redisServer) skipped.push('Redis fault suite: skipped, redis-server is not installed');
  return { postgres, redis, redisServer, skipped };
}

async function choose(
  variable: string,
  name: string,
  url: string,
  answers: (url: string) => Promise<string | undefined>,
  skipped: string[],
): Promise<boolean> {
  const choice = choiceOf(variable);
  if (choice === 'off') {
    skipped.push(`${name} suites: skipped (${variable}=off)`);
    return false;
  }
  const problem = await answers(url);
  if (problem === undefined) return true;
  if (choice === 'on') {
    throw new Error(`${name} at ${url} is required (${variable}=on, or CI) but does not answer: ${problem}`);
  }
  skipped.push(`${name} suites: skipped, ${url} does not answer (${problem}); ${variable}=on requires it`);
  return false;
}

async function postgresAnswers(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    // A client that never connected has nothing to end; the answer above is what counts.
    await client.end().catch(() => undefined);
  }
}

function redisAnswers(url: string): Promise<string | undefined> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379) });
    const timer = setTimeout(() => finish('no answer within 2 s'), 2_000);
    function finish(problem: string | undefined) {
      clearTimeout(timer);
      socket.destroy();
      resolve(problem);
    }
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) =>
      finish(data.toString().startsWith('+PONG') ? undefined : data.toString().trim()),
    );
    socket.once('error', (error) => finish(error.message));
  });
}
