import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createTestDatabase, postgresEnabled, type TestDatabase } from '../helpers/databases.js';
import { createStore } from '../helpers/store.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';
import {
  allInFlightTogether,
  chat,
  chatHold,
  eventually,
  ledgerFacts,
  nanoPerCent,
  reservedAccountedFor,
} from './credit-helpers.js';

async function admin<T>(
  process: TollgateProcess,
  method: string,
  path: string,
  body?: unknown,
  token = bootstrapToken,
) {
  const response = await fetch(`${process.adminUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

describe.skipIf(!postgresEnabled)('gateway processes sharing one Postgres database', () => {
  let upstream: FakeUpstream;
  let database: TestDatabase;
  let first: TollgateProcess;
  let second: TollgateProcess;
  let third: TollgateProcess;
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
    third = await startProcess();
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
    await third?.stop();
    await store?.close();
    await database?.drop();
    await upstream?.close();
  });

  it.each([2, 3])('never holds more than the account has, across %i processes', async (processes) => {
    const gateways = [first, second, third].slice(0, processes);
    const key = await admin<{ token: string }>(first, 'POST', '/access-keys', { name: `load-${processes}` });
    // What earlier tests left leased goes back first, so that the whole balance is there to hold.
    await eventually(20_000, async () => (await ledgerFacts(store.db, accountId)).reserved === 0);
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
    // None is answered until all were refused or reached the upstream: they are in flight together
    // however slowly a loaded machine sends them, so no settlement frees credits that a later
    // request could then hold (that would be right, but not what this test counts).
    const results = await allInFlightTogether(upstream, 100, (index) =>
      chat(gateways[index % processes]!.gatewayUrl, key.body.token, { model: 'gpt-4o-mini' }),
    );
    const served = results.filter((result) => result.status === 200).length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(10);
    const unexpected = results.filter(
      (result) => result.status !== 200 && result.code !== 'insufficient_credits',
    );
    expect(unexpected.map((result) => `${result.status} ${result.code}`)).toEqual([]);
    const after = await ledgerFacts(store.db, accountId);
    // One consistent read: a lease returned between two reads would look unaccounted for.
    const { reserved, leased, exact } = await reservedAccountedFor(store.db, accountId);
    expect(reserved).toBe(leased + exact);
    expect(reserved).toBeLessThanOrEqual(after.balance);
    expect(after.balance).toBeGreaterThanOrEqual(0);
    expect(after.charged).toBe(after.usageEventCost);
    expect(target - after.balance).toBe(after.charged - current.charged);
  });

  it('loses no usage event or ledger entry when a process holding a lease is killed under load, and upkeep returns its lease', async () => {
    // An account of its own, so that its balance is exactly its grants less its charges.
    const tenant = await admin<{ id: string }>(first, 'POST', '/accounts', { name: 'crash' });
    const apiKey = await admin<{ token: string }>(first, 'POST', `/accounts/${tenant.body.id}/api-keys`, {
      name: 'ops',
    });
    const asTenant = <T>(method: string, path: string, body?: unknown) =>
      admin<T>(first, method, path, body, apiKey.body.token);
    await asTenant('PATCH', '/gateway-config', { totalTimeout: '2s', perRequestTimeout: '2s' });
    await asTenant('POST', '/provider-keys', { providerId: 'openai', name: 'byok', value: 'sk-crash-good' });
    await admin(first, 'POST', `/accounts/${tenant.body.id}/credits/grants`, {
      amountCents: 100_000,
      category: 'purchase',
    });
    const key = await asTenant<{ token: string }>('POST', '/access-keys', { name: 'crash' });
    const victim = await startProcess();
    const requests: Array<Promise<{ status: number; requestId: string } | undefined>> = [];
    for (let index = 0; index < 30; index++) {
      requests.push(chat(victim.gatewayUrl, key.body.token, { model: 'gpt-4o-mini' }).catch(() => undefined));
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    // The victim serves from a lease of its own (this $1,000 account is far above the exact-hold threshold).
    const victimLeases = await store.db
      .selectFrom('credit_leases')
      .select('id')
      .where('account_id', '=', tenant.body.id)
      .execute();
    expect(victimLeases.length).toBeGreaterThan(0);
    await victim.stop('SIGKILL');
    const outcomes = await Promise.all(requests);
    const served = outcomes.filter((outcome) => outcome?.status === 200);
    expect(served.length).toBeGreaterThan(0);
    expect(outcomes.some((outcome) => outcome === undefined)).toBe(true);
    for (const outcome of served) {
      const events = await store.db
        .selectFrom('usage_events')
        .select(['id', 'cost_nano_usd'])
        .where('request_id', '=', outcome!.requestId)
        .execute();
      expect(events.length, outcome!.requestId).toBeGreaterThan(0);
      const entries = await store.db
        .selectFrom('ledger_entries')
        .select('amount_nano_usd')
        .where('request_id', '=', outcome!.requestId)
        .execute();
      const charged = entries.reduce((total, entry) => total - Number(entry.amount_nano_usd), 0);
      expect(charged, outcome!.requestId).toBe(
        events.reduce((total, event) => total + Number(event.cost_nano_usd), 0),
      );
      expect(charged).toBeGreaterThan(0);
    }
    // The killed process's lease outlives it until its expiry, then the survivors' upkeep frees it.
    await eventually(25_000, async () => {
      const left = await store.db
        .selectFrom('credit_leases')
        .select('id')
        .where(
          'id',
          'in',
          victimLeases.map((lease) => lease.id),
        )
        .execute();
      return left.length === 0;
    });
    await eventually(20_000, async () => (await ledgerFacts(store.db, tenant.body.id)).reserved === 0);
    const facts = await ledgerFacts(store.db, tenant.body.id);
    expect(facts.charged).toBe(facts.usageEventCost);
    expect(facts.balance).toBe(facts.granted - facts.charged);
  });
});
