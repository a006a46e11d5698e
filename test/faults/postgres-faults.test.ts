import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { postgresAdminUrl, postgresEnabled } from '../helpers/databases.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

/**
 * Issue 13: the Postgres connections of this test's own database are killed
 * (`pg_terminate_backend`, never the server): requests in between answer, or fail with 503
 * `database_unavailable`, never 500, and the gateway recovers by itself.
 */
describe.skipIf(!postgresEnabled)('Postgres connection killed', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let token: string;
  let databaseName: string;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({
      dialect: 'postgres',
      upstreamUrl: upstream.url,
      env: { TOLLGATE_FEE_PER_MTOK_USD: '0.05' },
    });
    databaseName = new URL(harness.database.url).pathname.slice(1);
    await createProviderKeys(harness, 'openai', ['sk-openai-main-0000']);
    const me = await harness.admin<{ accountId: string }>('GET', '/me');
    await harness.admin('POST', `/accounts/${me.body.accountId}/credits/grants`, {
      amountCents: 100_000,
      category: 'purchase',
    });
    // Rate limits count in the database without Redis: one more statement per request.
    const configurationId = await createConfiguration(harness, { limits: { requestsPerMinute: 100_000 } });
    token = (await createAccessKey(harness, configurationId)).token;
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  /** Ends every connection to this test's database, the gateway's pool and listener included. */
  const killConnections = async () => {
    const admin = new pg.Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    try {
      const result = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [databaseName],
      );
      return result.rowCount ?? 0;
    } finally {
      await admin.end();
    }
  };
  const chat = async () => {
    const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
    });
    const body = (await response.json()) as { error?: { code: string } };
    return { status: response.status, code: body.error?.code };
  };

  it('answers requests during and after the kill with 200 or 503, never 500, and recovers', async () => {
    expect((await chat()).status).toBe(200);
    const outcomes: Array<{ status: number; code: string | undefined }> = [];
    for (let round = 0; round < 5; round++) {
      const inFlight = Array.from({ length: 10 }, () => chat());
      expect(await killConnections()).toBeGreaterThan(0);
      outcomes.push(...(await Promise.all(inFlight)));
      outcomes.push(await chat());
    }
    for (const outcome of outcomes) {
      expect([200, 503]).toContain(outcome.status);
      if (outcome.status === 503) expect(outcome.code).toBe('database_unavailable');
    }
    // Recovered: the pool opens new connections.
    for (let index = 0; index < 5; index++) expect((await chat()).status).toBe(200);
    const admin = await harness.admin('GET', '/access-keys');
    expect(admin.status).toBe(200);
    expect((await fetch(`${harness.gatewayUrl}/readyz`)).status).toBe(200);
    expect(harness.logs.join('')).not.toMatch(/"msg":"gateway request failed"/);
  });

  it("answers 503 database_unavailable, in each listener's shape, while the database is gone", async () => {
    const gone = await startHarness({ dialect: 'postgres', upstreamUrl: upstream.url });
    try {
      await createProviderKeys(gone, 'openai', ['sk-openai-main-0000']);
      const key = await createAccessKey(gone);
      const name = new URL(gone.database.url).pathname.slice(1);
      const admin = new pg.Client({ connectionString: postgresAdminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await admin.end();

      const response = await fetch(`${gone.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('tollgate-request-id')).toMatch(/^rq_/);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
        'database_unavailable',
      );

      const listed = await gone.admin<{ errorCode: string }>('GET', '/access-keys');
      expect(listed).toEqual({
        status: 503,
        body: expect.objectContaining({ errorCode: 'database_unavailable' }),
      });

      const ready = await fetch(`${gone.gatewayUrl}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({
        status: 'unavailable',
        database: 'unreachable',
        redis: 'not configured',
      });
    } finally {
      await gone.close();
    }
  });
});
