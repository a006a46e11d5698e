import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { redisServerEnabled } from '../helpers/databases.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { freePort, type PrivateRedis, startPrivateRedis } from '../helpers/private-redis.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

/** Issue 13, item 7: Redis lost at start and at run time, on a Redis of the test's own. */
describe.skipIf(!redisServerEnabled)('Redis faults', () => {
  let upstream: FakeUpstream;
  let redis: PrivateRedis;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis?.stop();
    await upstream?.close();
  });

  const chat = async (harness: Harness, token: string) => {
    const started = performance.now();
    const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.json()) as { error?: { code: string } };
    return {
      status: response.status,
      code: body.error?.code,
      requestId: response.headers.get('tollgate-request-id'),
      ms: performance.now() - started,
    };
  };
  const readyz = async (harness: Harness) => {
    const response = await fetch(`${harness.gatewayUrl}/readyz`);
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const rateLimitFailures = async (harness: Harness, outcome: string) => {
    const text = await (await fetch(`${harness.adminUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith(`tollgate_rate_limit_failures_total{outcome="${outcome}"}`));
    return Number(line?.split(' ').at(-1) ?? 0);
  };
  /** A harness on the private Redis, with a key limited to 1,000 requests a minute. */
  const limitedHarness = async (env: Record<string, string> = {}) => {
    const harness = await startHarness({
      upstreamUrl: upstream.url,
      env: { TOLLGATE_REDIS_URL: redis.url, ...env },
    });
    await createProviderKeys(harness, 'openai', ['sk-openai-main-0000']);
    const configurationId = await createConfiguration(harness, { limits: { requestsPerMinute: 1_000 } });
    const key = await createAccessKey(harness, configurationId);
    return { harness, key };
  };

  it('names Redis and TOLLGATE_REDIS_URL when it is unreachable at start', async () => {
    const port = await freePort();
    await expect(
      startHarness({ env: { TOLLGATE_REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` } }),
    ).rejects.toThrow(
      new RegExp(
        `^Redis at TOLLGATE_REDIS_URL \\(redis://:\\*\\*\\*@127\\.0\\.0\\.1:${port}\\) is unreachable`,
      ),
    );
  });

  it('names the database and TOLLGATE_DATABASE_URL when Postgres is unreachable at start', async () => {
    const port = await freePort();
    const database = { url: `postgres://postgres:secret@127.0.0.1:${port}/none`, drop: async () => {} };
    await expect(startHarness({ database })).rejects.toThrow(
      /^The database at TOLLGATE_DATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/none\) is unreachable/,
    );
  });

  it('fails open by default while Redis is down: served fast, logged, counted; admin writes answer; /readyz degraded', async () => {
    const { harness, key } = await limitedHarness();
    try {
      expect((await chat(harness, key.token)).status).toBe(200);
      expect((await readyz(harness)).body).toEqual({ status: 'ok', database: 'ok', redis: 'ok' });

      await redis.stop();
      for (let index = 0; index < 5; index++) {
        const answer = await chat(harness, key.token);
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(1_000);
      }
      expect(await rateLimitFailures(harness, 'allowed')).toBeGreaterThanOrEqual(5);
      expect(harness.logs.join('')).toMatch(/rate-limit counter unavailable/);
      expect(await readyz(harness)).toEqual({
        status: 200,
        body: { status: 'degraded', database: 'ok', redis: 'unreachable' },
      });

      // The delete commits in the database; the lost invalidation does not turn it into a 500.
      const other = await createAccessKey(harness);
      const started = performance.now();
      const deleted = await harness.admin('DELETE', `/access-keys/${other.id}`);
      expect(deleted.status).toBe(204);
      expect(performance.now() - started).toBeLessThan(2_000);
      expect((await chat(harness, other.token)).status).toBe(401);

      await redis.start();
      await expect.poll(async () => (await readyz(harness)).body.status, { timeout: 10_000 }).toBe('ok');
      const failuresBefore = await rateLimitFailures(harness, 'allowed');
      expect((await chat(harness, key.token)).status).toBe(200);
      expect(await rateLimitFailures(harness, 'allowed')).toBe(failuresBefore);
    } finally {
      await redis.start().catch(() => {});
      await harness.close();
    }
  });

  it('fails closed with TOLLGATE_RATE_LIMIT_ON_FAILURE=closed: 503 redis_unavailable, /readyz 503', async () => {
    const { harness, key } = await limitedHarness({ TOLLGATE_RATE_LIMIT_ON_FAILURE: 'closed' });
    try {
      await redis.stop();
      upstream.reset();
      const answer = await chat(harness, key.token);
      expect(answer).toMatchObject({ status: 503, code: 'redis_unavailable' });
      expect(upstream.requests).toHaveLength(0);
      expect(answer.requestId).toMatch(/^rq_/);
      expect(answer.ms).toBeLessThan(1_000);
      expect(await rateLimitFailures(harness, 'refused')).toBe(1);
      expect(await readyz(harness)).toEqual({
        status: 503,
        body: { status: 'unavailable', database: 'ok', redis: 'unreachable' },
      });
      // A key without rate limits does not need Redis.
      const unlimited = await createAccessKey(harness);
      expect((await chat(harness, unlimited.token)).status).toBe(200);
    } finally {
      await redis.start().catch(() => {});
      await harness.close();
    }
  });
});
