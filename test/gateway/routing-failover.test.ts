import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inputTokenBound } from '../../src/domain/credits/input-token-bound.js';
import { costNanoUsd } from '../../src/providers/catalog/pricing.js';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import {
  createAccessKey,
  createConfiguration,
  createProviderKeys,
  rawChat,
} from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

describe('routing and failover', () => {
  let upstream: FakeUpstream;
  let harness: Harness;

  const attemptsOf = async (requestId: string) => {
    await harness.tollgate.services.recorder.settled();
    return harness.tollgate.services.store.db
      .selectFrom('usage_events')
      .select([
        'attempt_number',
        'provider_key_id',
        'status_code',
        'retry_action',
        'served',
        'is_final_attempt',
        'model',
      ])
      .where('request_id', '=', requestId)
      .orderBy('attempt_number')
      .execute();
  };

  /** A key whose configuration routes `openai` through the given provider keys, in order. */
  const keyRoutedThrough = async (values: string[], extra: Record<string, unknown> = {}) => {
    const ids = await createProviderKeys(harness, 'openai', values);
    const configurationId = await createConfiguration(harness, {
      router: { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: ids.map((id) => ({ id })) }] }] },
      ...extra,
    });
    return { ids, ...(await createAccessKey(harness, configurationId)) };
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
  });
  beforeEach(() => upstream.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it.each([
    ['500', 'sk-fail-500-aaaa'],
    ['429', 'sk-fail-429-aaaa'],
    ['401', 'sk-fail-401-aaaa'],
    ['403', 'sk-fail-403-aaaa'],
    ['connection reset', 'sk-reset-aaaa'],
  ])('falls over to the next key when the first answers %s', async (_label, failingValue) => {
    const { ids, token } = await keyRoutedThrough([failingValue, 'sk-good-bbbb']);
    const response = await rawChat(harness, token, { model: 'openai:gpt-4o' });
    expect(response.status).toBe(200);
    expect(response.headers.get('tollgate-attempts')).toBe('2');
    expect(response.headers.get('tollgate-model')).toBe('openai:gpt-4o');
    const attempts = await attemptsOf(response.headers.get('tollgate-request-id') ?? '');
    expect(attempts).toMatchObject([
      {
        attempt_number: 1,
        provider_key_id: ids[0],
        retry_action: 'next_key',
        served: 0,
        is_final_attempt: 0,
      },
      {
        attempt_number: 2,
        provider_key_id: ids[1],
        retry_action: 'succeeded',
        served: 1,
        is_final_attempt: 1,
      },
    ]);
  });

  it('falls over when an attempt exceeds the per-request timeout', async () => {
    const patched = await harness.admin('PATCH', '/gateway-config', { perRequestTimeout: '300ms' });
    expect(patched.status).toBe(200);
    try {
      const { token } = await keyRoutedThrough(['sk-timeout-aaaa', 'sk-good-bbbb']);
      const response = await rawChat(harness, token, { model: 'openai:gpt-4o' });
      expect(response.status).toBe(200);
      const attempts = await attemptsOf(response.headers.get('tollgate-request-id') ?? '');
      expect(attempts.map((attempt) => attempt.status_code)).toEqual([0, 200]);
    } finally {
      await harness.admin('PATCH', '/gateway-config', { perRequestTimeout: null });
    }
  });

  it('answers request_timeout when the total timeout runs out', async () => {
    await harness.admin('PATCH', '/gateway-config', { perRequestTimeout: '200ms', totalTimeout: '300ms' });
    try {
      const { token } = await keyRoutedThrough(['sk-timeout-a', 'sk-timeout-b', 'sk-timeout-c']);
      const response = await rawChat(harness, token, { model: 'openai:gpt-4o' });
      expect(response.status).toBe(504);
      expect((response.body.error as { code: string }).code).toBe('request_timeout');
    } finally {
      await harness.admin('PATCH', '/gateway-config', { perRequestTimeout: null, totalTimeout: null });
    }
  });

  it('does not retry an invalid body (400) and returns the provider status', async () => {
    const { token } = await keyRoutedThrough(['sk-fail-400-aaaa', 'sk-good-bbbb']);
    const response = await rawChat(harness, token, { model: 'openai:gpt-4o' });
    expect(response.status).toBe(400);
    expect(response.headers.get('tollgate-attempts')).toBe('1');
    expect(upstream.requests).toHaveLength(1);
    expect((response.body.error as { message: string }).message).toContain('openai');
  });

  it('returns the status of a last attempt that was not worth retrying', async () => {
    const { token } = await keyRoutedThrough(['sk-fail-500-zzzz', 'sk-fail-400-yyyy']);
    const response = await rawChat(harness, token, { model: 'openai:gpt-4o' });
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({ code: 'invalid_request_body' });
    expect(response.headers.get('tollgate-attempts')).toBe('2');
  });

  it('uses keys written inline in a router on the very next request', async () => {
    // Warm the account's provider-key cache first, so only invalidation can make it see the new key.
    const warm = await createAccessKey(harness);
    await rawChat(harness, warm.token, { model: 'gpt-4o' });
    const configurationId = await createConfiguration(harness, {
      router: {
        rules: [
          {
            provider: 'openai',
            steps: [{ type: 'user', keys: [{ name: 'inline', value: 'sk-inline-good-1' }] }],
          },
        ],
      },
    });
    const { token } = await createAccessKey(harness, configurationId);
    const response = await rawChat(harness, token, { model: 'gpt-4o' });
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.headers.authorization).toBe('Bearer sk-inline-good-1');
  });

  it('lists each attempt in all_providers_failed without any key', async () => {
    const { token } = await keyRoutedThrough(['sk-fail-500-secretvalue1', 'sk-fail-429-secretvalue2']);
    const response = await rawChat(harness, token, { model: 'openai:gpt-4o' });
    expect(response.status).toBe(502);
    const error = response.body.error as { code: string; message: string };
    expect(error.code).toBe('all_providers_failed');
    expect(error.message).toContain('500');
    expect(error.message).toContain('429');
    expect(response.text).not.toContain('secretvalue');
  });

  it('serves from a models fallback when the first model’s provider fails', async () => {
    const [openaiKey] = await createProviderKeys(harness, 'openai', ['sk-fail-500-cccc']);
    const [groqKey] = await createProviderKeys(harness, 'groq', ['gsk-good-dddd']);
    const configurationId = await createConfiguration(harness, {
      router: {
        rules: [
          { provider: 'openai', steps: [{ type: 'user', keys: [{ id: openaiKey }] }] },
          { provider: 'groq', steps: [{ type: 'user', keys: [{ id: groqKey }] }] },
        ],
      },
    });
    const { token } = await createAccessKey(harness, configurationId);
    const response = await rawChat(harness, token, {
      model: 'openai:gpt-4o',
      models: ['groq:llama-3.3-70b-versatile'],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('tollgate-model')).toBe('groq:llama-3.3-70b-versatile');
    const attempts = await attemptsOf(response.headers.get('tollgate-request-id') ?? '');
    expect(attempts.map((attempt) => attempt.retry_action)).toEqual(['next_backend', 'succeeded']);
    const forwarded = upstream.requests.at(-1)?.body as Record<string, unknown>;
    expect(forwarded.models).toBeUndefined();
  });

  it('never tries the same model and key twice', async () => {
    const { token } = await keyRoutedThrough(['sk-fail-500-eeee']);
    const response = await rawChat(harness, token, {
      model: 'openai:gpt-4o',
      models: ['openai:GPT-4o', 'gpt-4o'],
    });
    // A provider 5xx is the gateway's upstream failing: 502, whatever the provider said.
    expect(response.status).toBe(502);
    expect(upstream.requests).toHaveLength(1);
  });

  it('never retries a stream that has started', async () => {
    const { token } = await keyRoutedThrough(['sk-break-stream-ffff', 'sk-good-gggg']);
    const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        model: 'openai:gpt-4o',
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      }),
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('ended unexpectedly');
    expect(upstream.requests).toHaveLength(1);
    const attempts = await attemptsOf(response.headers.get('tollgate-request-id') ?? '');
    expect(attempts).toHaveLength(1);
  });

  it('rejects a provider outside the allow-list before any upstream call', async () => {
    await createProviderKeys(harness, 'groq', ['gsk-scope-hhhh']);
    const configurationId = await createConfiguration(harness, {
      access: { providers: { allow: ['openai'] } },
    });
    const { token } = await createAccessKey(harness, configurationId);
    const response = await rawChat(harness, token, { model: 'groq:llama-3.3-70b-versatile' });
    expect(response.status).toBe(403);
    expect((response.body.error as { code: string }).code).toBe('provider_not_allowed');
    expect(upstream.requests).toHaveLength(0);
  });

  it('rejects a model outside the allow-list, in any of its spellings, and reports rejected fallbacks', async () => {
    const configurationId = await createConfiguration(harness, {
      access: { models: { allow: ['openai/gpt-4o-mini', 'openai:openai/gpt-4.1'] } },
    });
    const { token } = await createAccessKey(harness, configurationId);
    const refused = await rawChat(harness, token, { model: 'gpt-4o' });
    expect(refused.status).toBe(403);
    expect((refused.body.error as { code: string }).code).toBe('model_not_allowed');
    expect(upstream.requests).toHaveLength(0);
    const served = await rawChat(harness, token, {
      model: 'openai:GPT-4o-mini',
      models: ['gpt-4o', 'gpt-4.1'],
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('tollgate-rejected-models')).toBe('gpt-4o');
  });

  it('lists only the models the key may use', async () => {
    await createProviderKeys(harness, 'groq', ['gsk-listing-1']);
    const configurationId = await createConfiguration(harness, {
      access: { providers: { allow: ['openai'] }, models: { allow: ['openai:gpt-4o', 'gpt-4o-mini'] } },
    });
    const { client } = await createAccessKey(harness, configurationId);
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids.sort()).toEqual(['openai:gpt-4o', 'openai:gpt-4o-mini']);
    const unrestricted = await createAccessKey(harness);
    const all = [];
    for await (const model of unrestricted.client.models.list()) all.push(model.id);
    expect(all).toContain('groq:llama-3.3-70b-versatile');
  });

  it('blocks everything with an empty allow-list', async () => {
    const configurationId = await createConfiguration(harness, { access: { models: { allow: [] } } });
    const { token } = await createAccessKey(harness, configurationId);
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(403);
  });

  it('answers unknown_model and unknown_provider without an upstream call', async () => {
    const { token } = await createAccessKey(harness);
    const unknownModel = await rawChat(harness, token, { model: 'no-such-model' });
    expect(unknownModel.status).toBe(422);
    expect((unknownModel.body.error as { code: string }).code).toBe('unknown_model');
    const unknownProvider = await rawChat(harness, token, { model: 'nope:gpt-4o' });
    expect((unknownProvider.body.error as { code: string }).code).toBe('unknown_provider');
    expect(upstream.requests).toHaveLength(0);
  });

  it('answers no_provider_key for a provider with no credentials', async () => {
    const { token } = await createAccessKey(harness);
    const response = await rawChat(harness, token, { model: 'mistral:mistral-large-latest' });
    expect(response.status).toBe(400);
    expect((response.body.error as { code: string }).code).toBe('no_provider_key');
  });

  it('passes an uncatalogued model through when it is prefixed', async () => {
    const { token } = await keyRoutedThrough(['sk-good-iiii']);
    const response = await rawChat(harness, token, { model: 'openai:brand-new-model' });
    expect(response.status).toBe(200);
    expect((upstream.requests.at(-1)?.body as { model?: string } | undefined)?.model).toBe('brand-new-model');
  });

  it('applies a configuration attached or detached on the very next request', async () => {
    const { id, token } = await createAccessKey(harness);
    const blocking = await createConfiguration(harness, { access: { providers: { allow: [] } } });
    expect(
      (await harness.admin('PATCH', `/access-keys/${id}`, { accessKeyConfigurationId: blocking })).status,
    ).toBe(200);
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(403);
    await harness.admin('PATCH', `/access-keys/${id}`, { accessKeyConfigurationId: null });
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(200);
  });

  it('applies an edited configuration on the very next request', async () => {
    const configurationId = await createConfiguration(harness, {
      access: { providers: { allow: ['openai'] } },
    });
    const { token } = await createAccessKey(harness, configurationId);
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(200);
    await harness.admin('PATCH', `/access-key-configurations/${configurationId}`, {
      access: { providers: { allow: [] } },
    });
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(403);
  });

  it('refuses to delete a configuration that an access key uses', async () => {
    const configurationId = await createConfiguration(harness, {});
    await createAccessKey(harness, configurationId);
    const response = await harness.admin<{ errorCode: string }>(
      'DELETE',
      `/access-key-configurations/${configurationId}`,
    );
    expect(response.status).toBe(409);
    expect(response.body.errorCode).toBe('resource_in_use');
  });

  it('rejects an input over maxInputTokens and caps output at maxOutputTokens', async () => {
    const { token } = await keyRoutedThrough(['sk-good-jjjj']);
    await harness.admin('PATCH', '/gateway-config', { maxInputTokens: 5, maxOutputTokens: 50 });
    try {
      const tooLarge = await rawChat(harness, token, {
        model: 'gpt-4o',
        messages: [
          { role: 'user', content: 'a fairly long message with many words in it to exceed five tokens' },
        ],
      });
      expect(tooLarge.status).toBe(413);
      expect((tooLarge.body.error as { code: string }).code).toBe('input_too_large');
      await harness.admin('PATCH', '/gateway-config', { maxInputTokens: null });
      const capped = await rawChat(harness, token, { model: 'gpt-4o', max_tokens: 500 });
      expect(capped.status).toBe(200);
      expect((upstream.requests.at(-1)?.body as { max_tokens?: number } | undefined)?.max_tokens).toBe(50);
    } finally {
      await harness.admin('PATCH', '/gateway-config', { maxInputTokens: null, maxOutputTokens: null });
    }
  });

  it('strips parameters the model does not take and names them', async () => {
    const { token } = await keyRoutedThrough(['sk-good-kkkk']);
    const response = await rawChat(harness, token, { model: 'openai:o3', temperature: 0.2 });
    expect(response.status).toBe(200);
    expect(response.headers.get('tollgate-removed-params')).toContain('temperature');
    expect(
      (upstream.requests.at(-1)?.body as Record<string, unknown> | undefined)?.temperature,
    ).toBeUndefined();
  });

  it('answers 429 with Retry-After past requestsPerMinute', async () => {
    const { token } = await keyRoutedThrough(['sk-good-llll'], { limits: { requestsPerMinute: 2 } });
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(200);
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(200);
    const limited = await rawChat(harness, token, { model: 'gpt-4o' });
    expect(limited.status).toBe(429);
    expect((limited.body.error as { code: string }).code).toBe('rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('answers 429 past tokensPerMinute once metered tokens reach it', async () => {
    const { token } = await keyRoutedThrough(['sk-good-mmmm'], { limits: { tokensPerMinute: 10 } });
    expect((await rawChat(harness, token, { model: 'gpt-4o' })).status).toBe(200);
    const limited = await rawChat(harness, token, { model: 'gpt-4o' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).not.toBeNull();
  });

  it('answers spend_limit_exceeded once the key spent its limit, and 100 concurrent requests stay within it', async () => {
    const restarted = await startHarness({
      upstreamUrl: upstream.url,
      env: { TOLLGATE_FEE_PER_MTOK_USD: '10000' },
    });
    try {
      const me = await restarted.admin<{ accountId: string }>('GET', '/me');
      await restarted.admin('POST', `/accounts/${me.body.accountId}/credits/grants`, {
        amountCents: 1_000_000,
        category: 'promotional',
      });
      const [keyId] = await createProviderKeys(restarted, 'openai', ['sk-good-nnnn']);
      const router = { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id: keyId }] }] }] };
      const body = {
        model: 'gpt-4o',
        max_tokens: 10,
        messages: [
          { role: 'user', content: Array.from({ length: 40 }, (_, index) => `word${index}`).join(' ') },
        ],
      };
      const call = (token: string) => rawChat(restarted, token, body);
      const spentBy = async (accessKeyId: string) => {
        const rows = await restarted.tollgate.services.store.db
          .selectFrom('usage_events')
          .select('cost_nano_usd')
          .where('access_key_id', '=', accessKeyId)
          .execute();
        return rows.reduce((total, row) => total + Number(row.cost_nano_usd), 0);
      };
      // What one request holds (the fee on its input bound and max_tokens) and what it costs.
      const hold = costNanoUsd(inputTokenBound(body).tokens + body.max_tokens, 10_000);
      const unlimited = await restarted.admin<{ id: string }>('POST', '/access-key-configurations', {
        name: 'unlimited',
        router,
      });
      const probe = await createAccessKey(restarted, unlimited.body.id);
      expect((await call(probe.token)).status).toBe(200);
      const cost = await spentBy(probe.id);
      expect(cost).toBeGreaterThan(0);
      expect(cost).toBeLessThan(hold);
      // Room for one hold beside the spend of three and a half requests.
      const limitCents = Math.ceil((hold + 3.5 * cost) / 10_000_000);
      const configuration = await restarted.admin<{ id: string }>('POST', '/access-key-configurations', {
        name: 'limited',
        router,
        limits: { spend: { amountCents: limitCents, period: 'day' } },
      });
      const sequential = await createAccessKey(restarted, configuration.body.id);
      const outcomes = [];
      for (let index = 0; index < 6; index++) outcomes.push(await call(sequential.token));
      expect(outcomes[0]?.status).toBe(200);
      const refused = outcomes.find((outcome) => outcome.status !== 200);
      expect(refused?.status).toBe(403);
      expect(refused?.body.error).toMatchObject({ code: 'spend_limit_exceeded' });
      expect(await spentBy(sequential.id)).toBeLessThanOrEqual(limitCents * 10_000_000);
      // Holds count against the limit too: 100 concurrent requests cannot overshoot it together.
      const burst = await createAccessKey(restarted, configuration.body.id);
      const results = await Promise.all(Array.from({ length: 100 }, () => call(burst.token)));
      const served = results.filter((result) => result.status === 200).length;
      expect(served).toBeGreaterThan(0);
      expect(results.filter((result) => result.status === 403)).toHaveLength(100 - served);
      expect(await spentBy(burst.id)).toBe(served * cost);
      expect(served * cost).toBeLessThanOrEqual(limitCents * 10_000_000);
    } finally {
      await restarted.close();
    }
  });
});
