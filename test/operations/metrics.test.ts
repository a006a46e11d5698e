/** /metrics on the admin listener: the series operators chart, by provider and model, never by key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createAccessKey, createProviderKeys, rawChat } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

/** The value of one series (`name{labels}`) in a Prometheus text exposition; undefined if absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let token: string;
  let metrics: string;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    // A fee: every request holds credits from a lease and settles in a group-committed batch.
    harness = await startHarness({ upstreamUrl: upstream.url, env: { TOLLGATE_FEE_PER_MTOK_USD: '1' } });
    await createProviderKeys(harness, 'openai', ['sk-test-metrics-1']);
    const me = await harness.admin<{ accountId: string }>('GET', '/me');
    await harness.admin('POST', `/accounts/${me.body.accountId}/credits/grants`, {
      amountCents: 100_000,
      category: 'purchase',
    });
    ({ token } = await createAccessKey(harness));
    for (let request = 0; request < 3; request++) {
      expect((await rawChat(harness, token, { model: 'gpt-4o-mini' })).status).toBe(200);
    }
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(200);
    await harness.tollgate.services.recorder.settled();
    metrics = await (await fetch(`${harness.adminUrl}/metrics`)).text();
  });

  afterAll(async () => {
    await harness.close();
    await upstream.close();
  });

  it('counts attempts, served requests, tokens and cost by provider and model', () => {
    const labels = (model: string) => `provider="openai",model="${model}"`;
    expect(
      sample(metrics, `tollgate_upstream_attempts_total{${labels('gpt-4o-mini')},outcome="succeeded"}`),
    ).toBe(3);
    expect(sample(metrics, `tollgate_upstream_attempts_total{${labels('gpt-4o')},outcome="succeeded"}`)).toBe(
      1,
    );
    expect(sample(metrics, `tollgate_requests_served_total{${labels('gpt-4o-mini')}}`)).toBe(3);
    expect(
      sample(metrics, `tollgate_tokens_total{${labels('gpt-4o-mini')},direction="output"}`),
    ).toBeGreaterThan(0);
    expect(
      sample(metrics, `tollgate_tokens_total{${labels('gpt-4o-mini')},direction="input"}`),
    ).toBeGreaterThan(0);
    expect(sample(metrics, `tollgate_cost_usd_total{${labels('gpt-4o-mini')}}`)).toBeGreaterThan(0);
    expect(sample(metrics, `tollgate_upstream_duration_seconds_count{${labels('gpt-4o-mini')}}`)).toBe(3);
    expect(
      sample(metrics, 'tollgate_gateway_requests_total{endpoint="/v1/chat/completions",status="200"}'),
    ).toBe(4);
    expect(
      sample(metrics, 'tollgate_gateway_request_duration_seconds_count{endpoint="/v1/chat/completions"}'),
    ).toBe(4);
  });

  it('shows cache hits and misses, the credit lease and settlement batch sizes', () => {
    // The access key was looked up once (a miss), then found in the cache.
    expect(sample(metrics, 'tollgate_cache_misses_total{cache="access-key"}')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'tollgate_cache_hits_total{cache="access-key"}')).toBeGreaterThanOrEqual(2);
    expect(sample(metrics, 'tollgate_credit_leases{state="leases"}')).toBe(1);
    expect(sample(metrics, 'tollgate_credit_leases{state="leased_usd"}')).toBeGreaterThan(0);
    expect(sample(metrics, 'tollgate_batch_size_count{writer="settlement"}')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'tollgate_batch_size_sum{writer="settlement"}')).toBe(4);
  });

  it('shows how long each paid answer waited for its settlement to commit', () => {
    // One observation per paid request, each a real wait: more than nothing, far less than the test.
    expect(sample(metrics, 'tollgate_settlement_wait_seconds_count')).toBe(4);
    const total = sample(metrics, 'tollgate_settlement_wait_seconds_sum') ?? 0;
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(10);
    expect(sample(metrics, 'tollgate_settlement_wait_seconds_bucket{le="+Inf"}')).toBe(4);
  });

  it('never labels a series with a key or a token', () => {
    expect(metrics).not.toContain(token);
    expect(metrics).not.toMatch(/aigk_|tg-[A-Za-z0-9]|sk-test/);
    expect(metrics).not.toMatch(/key(_id)?="/);
  });
});
