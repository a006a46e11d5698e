import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { dialects } from '../helpers/databases.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import {
  allInFlightTogether,
  chat,
  chatHold,
  eventually,
  ledgerFacts,
  longPrompt,
  nanoPerCent,
  newTenant,
  reservedAccountedFor,
} from './credit-helpers.js';

describe.each(dialects)('credits (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;

  beforeAll(async () => {
    upstream = await startFakeUpstream({ latencyMs: 1_500 });
    // $1000 per million tokens: one token costs 1,000,000 nano-dollars (a tenth of a cent).
    harness = await startHarness({
      dialect,
      upstreamUrl: upstream.url,
      env: { TOLLGATE_FEE_PER_MTOK_USD: '1000' },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('refuses a request that can cost credits when the account has none', async () => {
    const tenant = await newTenant(harness, 'empty');
    const response = await chat(harness.gatewayUrl, tenant.accessToken, { model: 'gpt-4o-mini' });
    expect(response.status).toBe(403);
    expect(response.code).toBe('insufficient_credits');
  });

  it('serves at most what the credits hold for among 100 concurrent requests, and the ledger adds up exactly', async () => {
    // Credits for ten holds (a hold bounds a request's cost, so it is more than the request costs).
    const hold = chatHold(1000, { model: 'gpt-4o-mini' });
    const second = await newTenant(harness, 'covered');
    const grantCents = Math.ceil((10 * hold) / nanoPerCent);
    expect(grantCents * nanoPerCent).toBeLessThan(11 * hold);
    await harness.admin('POST', `/accounts/${second.accountId}/credits/grants`, {
      amountCents: grantCents,
      category: 'purchase',
    });

    // None is answered until all were refused or reached the upstream: they are in flight together.
    const results = await allInFlightTogether(upstream, 100, () =>
      chat(harness.gatewayUrl, second.accessToken, { model: 'gpt-4o-mini' }),
    );
    const served = results.filter((result) => result.status === 200).length;
    const refused = results.filter((result) => result.code === 'insufficient_credits').length;
    expect(served).toBeGreaterThan(0);
    expect(served).toBeLessThanOrEqual(10);
    expect(served + refused).toBe(100);

    const db = harness.tollgate.services.store.db;
    const facts = await ledgerFacts(db, second.accountId);
    // Read apart from the facts above: an idle lease may go back in between (the load takes
    // seconds on a busy machine), so `reserved` is compared within one consistent read.
    const { reserved, leased, exact } = await reservedAccountedFor(db, second.accountId);
    expect(reserved).toBe(leased + exact);
    expect(reserved).toBeLessThanOrEqual(facts.balance);
    expect(facts.charged).toBe(facts.usageEventCost);
    expect(facts.overdraft).toBe(0);
    expect(facts.balance).toBe(facts.granted - facts.charged);
    expect(facts.balance).toBeGreaterThanOrEqual(0);
    // An idle lease goes back to the account within seconds.
    await eventually(15_000, async () => (await ledgerFacts(db, second.accountId)).reserved === 0);
    const balance = await harness.admin<{
      balanceCents: number;
      balanceUsd: string;
      reservedUsd: string;
      availableUsd: string;
    }>('GET', '/credits/balance', undefined, second.apiKey);
    expect(balance.body.balanceCents).toBe(Math.floor(facts.balance / nanoPerCent));
    expect(balance.body.reservedUsd).toBe('0.000000000');
    expect(balance.body.availableUsd).toBe(balance.body.balanceUsd);
  });

  it('needs no credits for a request that cannot cost anything', async () => {
    const free = await startHarness({ dialect, upstreamUrl: upstream.url });
    try {
      const tenant = await newTenant(free, 'free');
      expect((await chat(free.gatewayUrl, tenant.accessToken, { model: 'gpt-4o-mini' })).status).toBe(200);
    } finally {
      await free.close();
    }
  });

  it('lists grants and daily usage as transactions, and removes expired credit from the balance', async () => {
    const tenant = await newTenant(harness, 'expiring');
    // Expires after the request (1.5 s upstream latency) is charged, so the charge takes from it first.
    const soon = new Date(Date.now() + 2_500).toISOString();
    const grant = await harness.admin<{ type: string; expiresAt: string }>(
      'POST',
      `/accounts/${tenant.accountId}/credits/grants`,
      {
        amountCents: 500,
        category: 'promotional',
        expiresAt: soon,
      },
    );
    expect(grant.status).toBe(201);
    const lasting = await harness.admin<{ expiresAt: string }>(
      'POST',
      `/accounts/${tenant.accountId}/credits/grants`,
      {
        amountCents: 300,
        category: 'purchase',
      },
    );
    expect(Date.parse(lasting.body.expiresAt) - Date.now()).toBeGreaterThan(364 * 86_400_000);
    expect((await chat(harness.gatewayUrl, tenant.accessToken, { model: 'gpt-4o-mini' })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(soon) + 200 - Date.now()));
    const balance = await harness.admin<{ balanceUsd: string }>(
      'GET',
      '/credits/balance',
      undefined,
      tenant.apiKey,
    );
    const facts = await ledgerFacts(harness.tollgate.services.store.db, tenant.accountId);
    // The usage was taken from the grant that expires first; only the rest of it expired.
    expect(facts.balance).toBe(300 * nanoPerCent);
    expect(balance.body.balanceUsd).toBe('3.000000000');
    const transactions = await harness.admin<{ items: Array<{ type: string; expiredCents?: number }> }>(
      'GET',
      '/credits/transactions',
      undefined,
      tenant.apiKey,
    );
    const types = transactions.body.items.map((item) => item.type);
    expect(types.filter((type) => type === 'credits')).toHaveLength(2);
    expect(types).toContain('usageInvoicePreview');
    expect(transactions.body.items.find((item) => (item.expiredCents ?? 0) > 0)?.expiredCents).toBe(
      Math.floor((500 * nanoPerCent - facts.charged) / nanoPerCent),
    );
  });

  it('reads another account’s resources as 404', async () => {
    const owner = await newTenant(harness, 'owner');
    const other = await newTenant(harness, 'other');
    const asOwner = (method: string, path: string) =>
      harness.admin<Record<string, unknown>>(method, path, undefined, owner.apiKey);
    const asOther = (method: string, path: string) =>
      harness.admin<{ errorCode: string }>(method, path, undefined, other.apiKey);
    const keys = await asOwner('GET', '/access-keys');
    const providerKeys = await asOwner('GET', '/provider-keys');
    const configuration = await harness.admin<{ id: string }>(
      'POST',
      '/access-key-configurations',
      { name: 'own' },
      owner.apiKey,
    );
    const accessKeyId = (keys.body.aiGatewayAccessKeys as Array<{ id: string }>)[0]?.id;
    const providerKeyId = (providerKeys.body.aiGatewayProviderKeys as Array<{ id: string }>)[0]?.id;
    await harness.admin('POST', `/accounts/${owner.accountId}/credits/grants`, {
      amountCents: 1_000,
      category: 'purchase',
    });
    const request = await chat(harness.gatewayUrl, owner.accessToken, { model: 'gpt-4o-mini' });
    for (const path of [
      `/access-keys/${accessKeyId}`,
      `/provider-keys/${providerKeyId}`,
      `/access-key-configurations/${configuration.body.id}`,
      `/usage/requests/${request.requestId}`,
      `/accounts/${owner.accountId}`,
    ]) {
      const response = await asOther('GET', path);
      expect(response.status, path).toBe(404);
    }
    expect((await asOther('DELETE', `/access-keys/${accessKeyId}`)).status).toBe(404);
    const attach = await harness.admin(
      'POST',
      '/access-keys',
      { name: 'x', accessKeyConfigurationId: configuration.body.id },
      other.apiKey,
    );
    expect(attach.status).toBe(400);
  });
});

describe('managed inference', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  const managedKey = 'sk-operator-managed-key-0001';

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({
      upstreamUrl: upstream.url,
      env: { TOLLGATE_MANAGED_OPENAI_API_KEY: managedKey, TOLLGATE_FEE_PER_MTOK_USD: '0.05' },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('charges catalog price × tokens + fee, with cached input priced on its own', async () => {
    const me = await harness.admin<{ accountId: string }>('GET', '/me');
    await harness.admin('POST', `/accounts/${me.body.accountId}/credits/grants`, {
      amountCents: 1_000,
      category: 'purchase',
    });
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'managed' });
    const before = await ledgerFacts(harness.tollgate.services.store.db, me.body.accountId);
    const response = await chat(harness.gatewayUrl, accessKey.body.token, {
      model: 'gpt-4o-mini',
      user: 'cached',
    });
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe(`Bearer ${managedKey}`);

    const catalog = JSON.parse(
      readFileSync(new URL('../../src/providers/catalog/catalog.json', import.meta.url), 'utf8'),
    ) as {
      models: Array<{
        id: string;
        pricing: { inputPerMTok: number; outputPerMTok: number; cachedInputPerMTok: number };
      }>;
    };
    const price = catalog.models.find((model) => model.id === 'gpt-4o-mini')!.pricing;
    const [event] = await harness.tollgate.services.store.db
      .selectFrom('usage_events')
      .selectAll()
      .where('request_id', '=', response.requestId)
      .execute();
    const input = event!.input_tokens;
    const cached = event!.cache_read_tokens;
    const output = event!.output_tokens;
    expect(cached).toBeGreaterThan(0);
    // Prices are per million tokens; one USD is 1e9 nano, so nano = tokens × price × 1000.
    const expected = Math.floor(
      (input - cached) * price.inputPerMTok * 1_000 +
        cached * price.cachedInputPerMTok * 1_000 +
        output * price.outputPerMTok * 1_000 +
        (input + output) * 0.05 * 1_000,
    );
    expect(Math.abs(event!.cost_nano_usd - expected)).toBeLessThanOrEqual(4);
    expect(event!.key_source).toBe('ngrok');
    const after = await ledgerFacts(harness.tollgate.services.store.db, me.body.accountId);
    expect(before.balance - after.balance).toBe(event!.cost_nano_usd);
    expect(JSON.parse(event!.pricing_json ?? '{}')).toMatchObject({
      feePerMTokUsd: 0.05,
      model: { nanoPerMTok: { input: 150_000_000 } },
    });
  });

  it('answers pricing_required for managed inference on a model without a price', async () => {
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'unpriced' });
    const response = await chat(harness.gatewayUrl, accessKey.body.token, {
      model: 'openai:model-without-price',
      messages: [{ role: 'user', content: longPrompt }],
    });
    expect(response.status).toBe(422);
    expect(response.code).toBe('pricing_required');
  });
});
