import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { dialects } from '../helpers/databases.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { chat, ledgerFacts, nanoPerCent, newTenant } from './credit-helpers.js';

/** Ten 400-character runs of spaces: a tokenizer estimate sees a handful of tokens, a provider may count thousands. */
const spaces = Array.from({ length: 10 }, () => ' '.repeat(400)).join('x');

describe.each(dialects)('credit holds bound what a request can cost (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;

  beforeAll(async () => {
    upstream = await startFakeUpstream({ latencyMs: 300 });
    // $1 per million tokens: one token costs 1,000 nano-dollars.
    harness = await startHarness({
      dialect,
      upstreamUrl: upstream.url,
      env: { TOLLGATE_FEE_PER_MTOK_USD: '1' },
    });
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('never overdraws a 5-cent grant, however many input tokens the provider counts', async () => {
    // `count-bytes`: the provider counts a token per byte of the body, the most any byte-level tokenizer can.
    const tenant = await newTenant(harness, 'count-bytes');
    await harness.admin('POST', `/accounts/${tenant.accountId}/credits/grants`, {
      amountCents: 5,
      category: 'purchase',
    });
    const body = { model: 'gpt-4o-mini', max_tokens: 1, messages: [{ role: 'user', content: spaces }] };
    const results = await Promise.all(
      Array.from({ length: 100 }, () => chat(harness.gatewayUrl, tenant.accessToken, body)),
    );
    const served = results.filter((result) => result.status === 200).length;
    expect(served).toBeGreaterThan(0);
    expect(results.every((result) => result.status === 200 || result.code === 'insufficient_credits')).toBe(
      true,
    );

    const db = harness.tollgate.services.store.db;
    const facts = await ledgerFacts(db, tenant.accountId);
    expect(facts.balance).toBeGreaterThanOrEqual(0);
    expect(facts.overdraft).toBe(0);
    expect(facts.charged).toBe(facts.usageEventCost);
    expect(facts.balance).toBe(5 * nanoPerCent - facts.charged);
    // The provider did count far more than an estimate: each served request cost over 4,000 tokens.
    expect(facts.charged).toBeGreaterThan(served * 4_000 * 1_000);
  });

  it('charges a count above the hold as an overdraft and refuses paid requests until the balance is positive', async () => {
    // `count-over`: the provider counts more than any honest tokenizer could (twice the bytes + 100,000).
    const tenant = await newTenant(harness, 'count-over');
    await harness.admin('POST', `/accounts/${tenant.accountId}/credits/grants`, {
      amountCents: 5,
      category: 'purchase',
    });
    const body = { model: 'gpt-4o-mini', max_tokens: 1, messages: [{ role: 'user', content: 'hello' }] };
    const first = await chat(harness.gatewayUrl, tenant.accessToken, body);
    expect(first.status).toBe(200);

    const db = harness.tollgate.services.store.db;
    const facts = await ledgerFacts(db, tenant.accountId);
    expect(facts.charged).toBe(facts.usageEventCost);
    expect(facts.overdraft).toBeGreaterThan(0);
    expect(facts.balance).toBe(5 * nanoPerCent - facts.charged);
    expect(facts.balance).toBeLessThan(0);
    const overdraft = await db
      .selectFrom('ledger_entries')
      .select(['request_id', 'usage_event_id'])
      .where('account_id', '=', tenant.accountId)
      .where('kind', '=', 'overdraft')
      .executeTakeFirstOrThrow();
    expect(overdraft.request_id).toBe(first.requestId);
    expect(overdraft.usage_event_id).not.toBeNull();

    const refused = await chat(harness.gatewayUrl, tenant.accessToken, body);
    expect(refused.status).toBe(403);
    expect(refused.code).toBe('insufficient_credits');

    // Paid back (and more): the account serves again.
    await harness.admin('POST', `/accounts/${tenant.accountId}/credits/grants`, {
      amountCents: 100,
      category: 'purchase',
    });
    expect((await chat(harness.gatewayUrl, tenant.accessToken, body)).status).toBe(200);
  });
});
