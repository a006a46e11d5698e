import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { dialects, postgresEnabled } from '../helpers/databases.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

interface CapturedBody {
  body: string;
  truncated: boolean;
}

interface Capture {
  capturedAt: string;
  expiresAt: string;
  request: CapturedBody & { method: string; path: string; headers: Record<string, string> };
  response: (CapturedBody & { statusCode: number; streamed: boolean }) | null;
  attempts: Array<
    CapturedBody & { attemptNumber: number; model: string; statusCode: number; error: string | null }
  >;
}

const goodOpenAiKey = 'sk-openai-capture-good-0123456789';
const failingOpenAiKey = 'sk-test-fail-500-capture-0123456789';

describe.each(dialects)('opt-in request capture (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let failingKeyId: string;

  const captureOf = async (requestId: string) =>
    (await harness.admin<{ capture?: Capture }>('GET', `/usage/requests/${requestId}`)).body.capture;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url, dialect });
    await createProviderKeys(harness, 'openai', [goodOpenAiKey]);
    [failingKeyId = ''] = await createProviderKeys(harness, 'openai', [failingOpenAiKey]);
    await createProviderKeys(harness, 'anthropic', ['sk-ant-capture-good-0123456789']);
  });

  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('is off by default: nothing is captured', async () => {
    const config = await harness.admin<Record<string, unknown>>('GET', '/gateway-config');
    expect(config.body).toMatchObject({
      captureBodies: false,
      captureRetention: '168h',
      captureMaxBodyBytes: 65536,
    });
    const { client } = await createAccessKey(harness);
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(await captureOf(response.headers.get('tollgate-request-id') ?? '')).toBeUndefined();
  });

  it('writes, reads and redacts a capture: request, response and each attempt', async () => {
    const enabled = await harness.admin<Record<string, unknown>>('PATCH', '/gateway-config', {
      captureBodies: true,
      captureRetention: '1h',
    });
    expect(enabled.body).toMatchObject({ captureBodies: true, captureRetention: '1h' });
    const configurationId = await createConfiguration(harness, {
      router: { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id: failingKeyId }] }] }] },
    });
    const { client, token } = await createAccessKey(harness, configurationId);
    // A careless client pastes its own token and a provider key into a prompt.
    const prompt = `my key is ${token} and ${goodOpenAiKey}, what now?`;
    const { data, response } = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        models: [`anthropic:claude-sonnet-5`],
        messages: [{ role: 'user', content: prompt }],
      } as never)
      .withResponse();
    const requestId = response.headers.get('tollgate-request-id') ?? '';
    const capture = await captureOf(requestId);
    expect(capture).toBeDefined();
    if (!capture) return;
    expect(capture.request).toMatchObject({ method: 'POST', path: '/v1/chat/completions', truncated: false });
    expect(capture.request.headers['content-type']).toContain('application/json');
    expect(Object.keys(capture.request.headers)).not.toContain('authorization');
    expect(capture.request.body).toContain('what now?');
    expect(capture.response).toMatchObject({ statusCode: 200, streamed: false });
    expect(JSON.parse(capture.response?.body ?? '{}')).toEqual(data);
    expect(
      capture.attempts.map((attempt) => [attempt.attemptNumber, attempt.model, attempt.statusCode]),
    ).toEqual([
      [1, 'openai:gpt-4o-mini', 500],
      [2, 'anthropic:claude-sonnet-5', 200],
    ]);
    expect(capture.attempts[0]?.error).toContain('server had an error');
    // The Anthropic attempt went out translated, as the provider saw it.
    expect(JSON.parse(capture.attempts[1]?.body ?? '{}')).toMatchObject({
      model: 'claude-sonnet-5',
      max_tokens: expect.any(Number),
    });
    const everything = JSON.stringify(capture);
    for (const secret of [token, goodOpenAiKey, failingOpenAiKey]) expect(everything).not.toContain(secret);
    expect(capture.request.body).toContain('[redacted]');

    // Sealed at rest, and never logged.
    const rows = await harness.tollgate.services.store.db
      .selectFrom('request_captures')
      .select('sealed')
      .where('request_id', '=', requestId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sealed).not.toContain('what now');
    expect(harness.logs.join('')).not.toContain('what now');
  });

  it('captures a stream as the events the client got, and cuts bodies at the cap', async () => {
    await harness.admin('PATCH', '/gateway-config', { captureBodies: true, captureMaxBodyBytes: 4096 });
    const { token } = await createAccessKey(harness);
    const anthropic = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: token, maxRetries: 0 });
    const stream = anthropic.messages.stream({
      model: 'claude-sonnet-5',
      max_tokens: 32,
      messages: [{ role: 'user', content: `long ${'x'.repeat(6000)}` }],
    });
    const { response } = await stream.withResponse();
    expect(await stream.finalText()).toBe('Hello from claude-sonnet-5!');
    const capture = await captureOf(response.headers.get('tollgate-request-id') ?? '');
    expect(capture?.request.truncated).toBe(true);
    expect(Buffer.byteLength(capture?.request.body ?? '')).toBeLessThanOrEqual(4096);
    expect(capture?.request.headers['anthropic-version']).toBeDefined();
    expect(capture?.response).toMatchObject({ statusCode: 200, streamed: true, truncated: false });
    expect(capture?.response?.body).toContain('event: message_start');
    expect(capture?.response?.body).toContain('from');
  });

  it('captures a refused request with the error the client got', async () => {
    const { token } = await createAccessKey(harness);
    const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'no-such-model', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(422);
    const capture = await captureOf(response.headers.get('tollgate-request-id') ?? '');
    expect(capture?.attempts).toEqual([]);
    expect(capture?.response?.statusCode).toBe(422);
    expect(JSON.parse(capture?.response?.body ?? '{}')).toMatchObject({ error: { code: 'unknown_model' } });
  });

  it('deletes a capture past its retention', async () => {
    await harness.admin('PATCH', '/gateway-config', { captureRetention: '1m' });
    const { client } = await createAccessKey(harness);
    const { response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    const requestId = response.headers.get('tollgate-request-id') ?? '';
    const capture = await captureOf(requestId);
    expect(Date.parse(capture?.expiresAt ?? '') - Date.parse(capture?.capturedAt ?? '')).toBe(60_000);
    const { captureSweeper } = harness.tollgate.services;
    expect(await captureSweeper.sweep(new Date())).toBe(0);
    expect(await captureSweeper.sweep(new Date(Date.now() + 61_000))).toBeGreaterThanOrEqual(1);
    expect(await captureOf(requestId)).toBeUndefined();
    // The request's usage stays; only its bodies are gone.
    expect((await harness.admin('GET', `/usage/requests/${requestId}`)).status).toBe(200);
  });

  it('refuses bad capture settings with validation_failed', async () => {
    for (const body of [
      { captureRetention: '721h' },
      { captureMaxBodyBytes: 10 },
      { captureBodies: 'yes' },
    ]) {
      const refused = await harness.admin<{ errorCode: string }>('PATCH', '/gateway-config', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.errorCode).toBe('validation_failed');
    }
    const reset = await harness.admin<Record<string, unknown>>('PATCH', '/gateway-config', {
      captureBodies: null,
      captureRetention: null,
      captureMaxBodyBytes: null,
    });
    expect(reset.body).toMatchObject({
      captureBodies: false,
      captureRetention: '168h',
      captureMaxBodyBytes: 65536,
    });
  });
});

// On Postgres: a SQLite deployment without the variable makes a key file of its own.
describe.skipIf(!postgresEnabled)('request capture without an encryption key', () => {
  it('refuses to turn capture on with encryption_not_configured, and stays off', async () => {
    // On Postgres no key is generated: without TOLLGATE_ENCRYPTION_KEY there is none to seal with.
    const harness = await startHarness({ dialect: 'postgres', env: { TOLLGATE_ENCRYPTION_KEY: '' } });
    try {
      const refused = await harness.admin<{ errorCode: string; msg: string }>('PATCH', '/gateway-config', {
        captureBodies: true,
      });
      expect(refused.status).toBe(503);
      expect(refused.body.errorCode).toBe('encryption_not_configured');
      expect(refused.body.msg).toContain('TOLLGATE_ENCRYPTION_KEY');
      const config = await harness.admin<{ captureBodies: boolean }>('GET', '/gateway-config');
      expect(config.body.captureBodies).toBe(false);
    } finally {
      await harness.close();
    }
  });
});
