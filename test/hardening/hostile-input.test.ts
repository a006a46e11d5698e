import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createAccessKey, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

/** Both gateway error shapes, as the assertions read them. */
interface WireError {
  type?: string;
  error: { code: string; param?: string | null; message: string };
}

/**
 * Issue 13: each input a hostile client sent is answered with the right 4xx, in the surface's
 * error shape, with a request id, before any upstream call.
 */
describe('hostile input', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let token: string;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    // A fee makes every request a paid one: the credit hold's arithmetic runs on every body.
    harness = await startHarness({
      upstreamUrl: upstream.url,
      env: { TOLLGATE_FEE_PER_MTOK_USD: '0.05' },
    });
    await createProviderKeys(harness, 'openai', ['sk-openai-main-0000']);
    await createProviderKeys(harness, 'anthropic', ['sk-ant-main-0000']);
    token = (await createAccessKey(harness)).token;
    const account = await harness.admin<{ accountId: string }>('GET', '/me');
    await harness.admin('POST', `/accounts/${account.body.accountId}/credits/grants`, {
      amountCents: 100_000,
      category: 'purchase',
    });
  });
  beforeEach(() => upstream.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  const post = async (path: string, body: string | Record<string, unknown>) => {
    const response = await fetch(`${harness.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) as WireError };
  };
  const healthLatency = () =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const probe = httpRequest(`${harness.gatewayUrl}/healthz`, (response) => {
        response.resume();
        response.on('end', () => resolve(performance.now() - started));
      });
      probe.on('error', reject);
      probe.end();
    });
  const chat = (body: string | Record<string, unknown>) => post('/v1/chat/completions', body);
  const messages = [{ role: 'user', content: 'hi' }];

  const expectRefused = (
    answer: Awaited<ReturnType<typeof post>>,
    status: number,
    code: string,
    param?: string,
  ) => {
    expect(answer.status).toBe(status);
    expect(answer.body.error.code).toBe(code);
    if (param !== undefined) expect(answer.body.error.param).toBe(param);
    expect(answer.headers.get('tollgate-request-id')).toMatch(/^rq_/);
    expect(upstream.requests).toHaveLength(0);
  };

  it.each([
    ['max_tokens', 1e18],
    ['max_completion_tokens', 2 ** 60],
    ['max_tokens', -1],
    ['max_tokens', 1.5],
  ])('refuses %s = %s with a fee set as 400, not a RangeError', async (field, value) => {
    expectRefused(
      await chat({ model: 'gpt-4o', messages, [field]: value }),
      400,
      'invalid_request_body',
      field,
    );
  });

  it.each([
    ['n', 1e12],
    ['n', 0],
    ['best_of', 1e9],
  ])('refuses %s = %s as 400', async (field, value) => {
    expectRefused(
      await chat({ model: 'gpt-4o', messages, [field]: value }),
      400,
      'invalid_request_body',
      field,
    );
  });

  it('serves the largest allowed max_tokens and n with a fee (the hold stays exact)', async () => {
    const answer = await chat({ model: 'gpt-4o', messages, max_tokens: 1_048_576, n: 128 });
    // The hold (128 × 1M output tokens at the fee) is ~$6.7; the account has $1,000.
    expect(answer.status).toBe(200);
  });

  it('refuses content: [null] translated to Anthropic with 400', async () => {
    const answer = await chat({ model: 'claude-sonnet-5', messages: [{ role: 'user', content: [null] }] });
    expectRefused(answer, 400, 'invalid_request_body');
  });

  it('refuses content: [null] on /v1/messages translated to OpenAI with 400 in the Anthropic shape', async () => {
    const answer = await post('/v1/messages', {
      model: 'gpt-4o',
      max_tokens: 10,
      messages: [{ role: 'user', content: [null] }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.type).toBe('error');
    expect(answer.body.error.code).toBe('invalid_request_body');
    expect(answer.headers.get('tollgate-request-id')).toMatch(/^rq_/);
    expect(upstream.requests).toHaveLength(0);
  });

  it.each([
    ['model', { model: 'gpt-4o\r\nx-evil: 1', messages }],
    ['models', { model: 'gpt-4o', models: ['gpt-4o-mini\nx'], messages }],
    ['model', { model: 'gpt-4o\u0000', messages }],
    ['model', { model: 'gpt 4o', messages }],
  ])('refuses a control character or space in %s with 400 and our error body', async (param, body) => {
    expectRefused(await chat(body), 400, 'invalid_request_body', param);
  });

  it('refuses a 1 MB model name with a short error body', async () => {
    const answer = await chat({ model: `openai:${'m'.repeat(1_000_000)}`, messages });
    expectRefused(answer, 400, 'invalid_request_body', 'model');
    expect(answer.text.length).toBeLessThan(1_000);
  });

  it('refuses 500 fallbacks before any upstream call', async () => {
    const models = Array.from({ length: 500 }, (_, index) => `openai:fallback-${index}`);
    expectRefused(await chat({ model: 'gpt-4o', models, messages }), 400, 'invalid_request_body', 'models');
  });

  it('caps Tollgate-Rejected-Models and keeps it readable', async () => {
    const models = Array.from({ length: 10 }, (_, index) => `nosuchprovider${index}:${'x'.repeat(200)}`);
    const answer = await chat({ model: 'gpt-4o', models, messages });
    expect(answer.status).toBe(200);
    const rejected = answer.headers.get('tollgate-rejected-models') ?? '';
    expect(rejected.length).toBeLessThanOrEqual(1_024);
    expect(rejected).toMatch(/\(\+\d+ more\)$/);
    expect(upstream.requests).toHaveLength(1);
  });

  it.each([
    [
      'a 10,000-deep array',
      `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
    ],
    ['a 65-deep object', `{"model":"gpt-4o","messages":[],"x":${'{"a":'.repeat(64)}1${'}'.repeat(64)}}`],
  ])('refuses %s at parse, with one answer and no upstream call', async (_name, text) => {
    expectRefused(await chat(text), 400, 'invalid_request_body');
  });

  it('accepts a body exactly at the depth limit', async () => {
    // The body is depth 1; "x" holds 63 nested objects: 64 in all.
    const text = `{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"metadata_x":${'{"a":'.repeat(63)}1${'}'.repeat(63)}}`;
    const answer = await chat(text);
    expect(answer.status).toBe(200);
  });

  it('refuses a deep body on the admin API with validation_failed', async () => {
    const response = await fetch(`${harness.adminUrl}/access-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.adminToken}`, 'content-type': 'application/json' },
      body: `{"name":${'['.repeat(5_000)}${']'.repeat(5_000)}}`,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errorCode: string; msg: string };
    expect(body.errorCode).toBe('validation_failed');
    expect(body.msg).toMatch(/nests deeper than 64 levels/);
  });

  it('keeps /healthz answering while a 7 MB CJK body is estimated', async () => {
    // maxInputTokens makes every request estimate its input with the tokenizer.
    const patched = await harness.admin('PATCH', '/gateway-config', { maxInputTokens: 10_000_000 });
    expect(patched.status).toBe(200);
    try {
      // 2.4M characters, 7.2 MB: ~2.4 s of tokenizer work if it were all tokenised.
      const text = '漢字仮名交じり文'.repeat(300_000);
      let done = false;
      const pending = chat({ model: 'gpt-4o', messages: [{ role: 'user', content: text }] }).finally(() => {
        done = true;
      });
      // Probes one after another while the request is in flight: the slowest shows the stall.
      let slowest = 0;
      while (!done) slowest = Math.max(slowest, await healthLatency());
      const answer = await pending;
      expect(answer.status).toBe(200);
      // The tokenizer's share is bounded (~65 ms at worst); loading the tokenizer (~0.3 s, once) and parsing 7 MB of JSON are the rest.
      expect(slowest).toBeLessThan(1_000);
    } finally {
      await harness.admin('PATCH', '/gateway-config', { maxInputTokens: null });
    }
  });
});
