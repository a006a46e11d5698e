import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { createStore } from '../helpers/store.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';
import {
  chat,
  chatHold,
  eventually,
  ledgerFacts,
  nanoPerCent,
  reservedAccountedFor,
} from './credit-helpers.js';

async function admin<T>(process: TollgateProcess, method: string, path: string, body?: unknown) {
  const response = await fetch(`${process.adminUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${bootstrapToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe('two gateway processes sharing one Postgres database', () => {
  let upstream: FakeUpstream;
  let database: TestDatabase;
  let first: TollgateProcess;
  let second: TollgateProcess;
  let store: Awaited<ReturnType<typeof createStore>>;
  let accountId: string;

  const startProcess = () =>
    startTollgateProcess({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
      TOLLGATE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      TOLLGATE_PROVIDER_OPENAI_BASE_URL: `${upstream.url}/v1`,
      TOLLGATE_FEE_PER_MTOK_USD: '1000',
    });

  beforeAll(async () => {
    upstream = await startFakeUpstream({ latencyMs: 800 });
    database = await createTestDatabase('postgres');
    first = await startProcess();
    second = await startProcess();
    store = await createStore(database.url);
    accountId = (await admin<{ accountId: string }>(first, 'GET', '/me')).body.accountId;
    await admin(first, 'POST', '/provider-keys', {
      providerId: 'openai',
      name: 'byok',
      value: 'sk-shared-good',
    });
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await store?.close();
    await database?.drop();
    await upstream?.close();
  });

  it('never holds more than the account has, across both processes', async () => {
    const key = await admin<{ token: string }>(first, 'POST', '/access-keys', { name: 'load' });
    await admin(first, 'POST', `/accounts/${accountId}/credits/grants`, {
      amountCents: 10_000,
      category: 'purchase',
    });
    // Credits for ten holds (a hold bounds a request's cost, so it is more than the request costs).
    const hold = chatHold(1000, { model: 'gpt-4o-mini' });
    const current = await ledgerFacts(store.db, accountId);
    const target = Math.ceil((10 * hold) / nanoPerCent) * nanoPerCent;
    expect(target).toBeLessThan(11 * hold);
    await store.db
      .updateTable('accounts')
      .set({ balance_nano_usd: target })
      .where('id', '=', accountId)
      .execute();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        chat(index % 2 === 0 ? first.gatewayUrl : second.gatewayUrl, key.body.token, {
          model: 'gpt-4o-mini',
        }),
      ),
    );
    const served = results.filter((result) => result.status === 200).length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(10);
    expect(results.every((result) => result.status === 200 || result.code === 'insufficient_credits')).toBe(
      true,
    );
    const after = await ledgerFacts(store.db, accountId);
    const { leased, exact } = await reservedAccountedFor(store.db, accountId);
    expect(after.reserved).toBe(leased + exact);
    expect(after.reserved).toBeLessThanOrEqual(after.balance);
    expect(after.balance).toBeGreaterThanOrEqual(0);
    expect(after.charged).toBe(after.usageEventCost);
    expect(target - after.balance).toBe(after.charged - current.charged);
  });

  it('leaves no served request without its usage event when a process is killed, and frees its holds later', async () => {
    await admin(first, 'PATCH', '/gateway-config', { totalTimeout: '2s', perRequestTimeout: '2s' });
    await admin(first, 'POST', `/accounts/${accountId}/credits/grants`, {
      amountCents: 100_000,
      category: 'purchase',
    });
    const key = await admin<{ token: string }>(first, 'POST', '/access-keys', { name: 'crash' });
    const victim = await startProcess();
    const requests: Array<Promise<{ status: number; requestId: string } | undefined>> = [];
    for (let index = 0; index < 30; index++) {
      requests.push(chat(victim.gatewayUrl, key.body.token, { model: 'gpt-4o-mini' }).catch(() => undefined));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    await victim.stop('SIGKILL');
    const outcomes = await Promise.all(requests);
    const served = outcomes.filter((outcome) => outcome?.status === 200);
    expect(served.length).toBeGreaterThan(0);
    expect(outcomes.some((outcome) => outcome === undefined)).toBe(true);
    for (const outcome of served) {
      const events = await store.db
        .selectFrom('usage_events')
        .select('id')
        .where('request_id', '=', outcome!.requestId)
        .execute();
      expect(events.length, outcome!.requestId).toBeGreaterThan(0);
    }
    // The killed process's holds outlive it until the surviving process's upkeep frees them.
    await eventually(20_000, async () => (await ledgerFacts(store.db, accountId)).reserved === 0);
    const facts = await ledgerFacts(store.db, accountId);
    expect(facts.charged).toBe(facts.usageEventCost);
  });
});
