/**
 * `tollgate serve` (the compiled build, as its own process) on SIGTERM: stops accepting, lets a
 * stream in flight finish within the grace period or cuts it at the deadline, writes the usage,
 * returns its credit lease, exits 0; a second signal exits at once.
 */
import { once } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createStore } from '../helpers/store.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';

async function adminPost(
  tollgate: TollgateProcess,
  path: string,
  body: unknown,
): Promise<Record<string, string>> {
  const response = await fetch(`${tollgate.adminUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bootstrapToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as Record<string, string>;
}

/** A streamed chat request whose first bytes have arrived; `rest()` reads it to its end (or its cut). */
async function startStream(tollgate: TollgateProcess, token: string) {
  const response = await fetch(`${tollgate.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] }),
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = decoder.decode((await reader.read()).value);
  return {
    requestId: response.headers.get('tollgate-request-id') ?? '',
    async rest(): Promise<{ text: string; cut: boolean }> {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return { text, cut: false };
          text += decoder.decode(value);
        }
      } catch {
        return { text, cut: true };
      }
    },
  };
}

describe('graceful shutdown of tollgate serve', () => {
  let upstream: FakeUpstream;
  let database: TestDatabase;
  let tollgate: TollgateProcess | undefined;
  let token: string;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    database = await createTestDatabase('sqlite');
  });

  afterEach(async () => {
    await tollgate?.stop('SIGKILL');
  });

  afterAll(async () => {
    await upstream.close();
    await database.drop();
  });

  /** A Tollgate on the shared database; the first one provisions a slow-streaming key and credits. */
  async function start(env: Record<string, string> = {}): Promise<TollgateProcess> {
    tollgate = await startTollgateProcess({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
      TOLLGATE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      TOLLGATE_PROVIDER_OPENAI_BASE_URL: `${upstream.url}/v1`,
      TOLLGATE_FEE_PER_MTOK_USD: '1',
      ...env,
    });
    if (token === undefined) {
      // `slow-stream` in the provider key: the fake upstream sends its deltas 200 ms apart.
      await adminPost(tollgate, '/provider-keys', {
        providerId: 'openai',
        name: 'slow',
        value: 'sk-slow-stream-1',
      });
      token = (await adminPost(tollgate, '/access-keys', { name: 'app' })).token!;
      const me = await fetch(`${tollgate.adminUrl}/me`, {
        headers: { authorization: `Bearer ${bootstrapToken}` },
      });
      const { accountId } = (await me.json()) as { accountId: string };
      await adminPost(tollgate, `/accounts/${accountId}/credits/grants`, {
        amountCents: 100_000,
        category: 'purchase',
      });
    }
    return tollgate;
  }

  async function afterExit(requestId: string) {
    const store = await createStore(database.url);
    try {
      const event = await store.db
        .selectFrom('usage_events')
        .select(['status_code', 'usage_estimated'])
        .where('request_id', '=', requestId)
        .executeTakeFirst();
      const leases = await store.db.selectFrom('credit_leases').selectAll().execute();
      const accounts = await store.db.selectFrom('accounts').select('reserved_nano_usd').execute();
      return { event, leases, reserved: accounts.map((account) => Number(account.reserved_nano_usd)) };
    } finally {
      await store.close();
    }
  }

  it('lets a stream in flight finish, refuses new requests, writes its usage, returns the lease, exits 0', async () => {
    const running = await start();
    const stream = await startStream(running, token);
    const exited = once(running.child, 'exit');
    running.child.kill('SIGTERM');
    // The signal is handled a moment later: once it has been, no new request is taken (a new
    // connection is refused, a kept-alive one answered 503).
    while (!running.output.some((line) => line.includes('shutting down'))) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const late = await fetch(`${running.gatewayUrl}/healthz`).then(
      (response) => response.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    const { text, cut } = await stream.rest();
    expect(cut).toBe(false);
    expect(text).toContain('data: [DONE]');
    const [code] = await exited;
    expect(code).toBe(0);
    const after = await afterExit(stream.requestId);
    expect(after.event).toEqual({ status_code: 200, usage_estimated: 0 });
    expect(after.leases).toEqual([]);
    expect(after.reserved).toEqual([0]);
  });

  it('cuts a stream still running at the deadline, records its usage as estimated, exits 0', async () => {
    const running = await start({ TOLLGATE_SHUTDOWN_GRACE_SECONDS: '0.3' });
    const stream = await startStream(running, token);
    const exited = once(running.child, 'exit');
    const signalled = performance.now();
    running.child.kill('SIGTERM');
    const { text, cut } = await stream.rest();
    expect(cut || !text.includes('data: [DONE]')).toBe(true);
    const [code] = await exited;
    expect(code).toBe(0);
    expect(performance.now() - signalled).toBeLessThan(10_000);
    const after = await afterExit(stream.requestId);
    expect(after.event?.usage_estimated).toBe(1);
    expect(after.leases).toEqual([]);
    expect(after.reserved).toEqual([0]);
  });

  it('exits at once on a second signal', async () => {
    const running = await start();
    await startStream(running, token);
    const exited = once(running.child, 'exit');
    running.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 50));
    running.child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(143);
  });
});
