import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, replyText, startFakeUpstream } from '../fake-upstream/server.js';
import { createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { lastUpstreamRequest, type SdkClients, sdkClients } from './gateway-fixtures.js';

describe('endpoint surfaces and parameter stripping', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let clients: SdkClients;

  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${harness.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clients.token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    for (const provider of ['openai', 'anthropic', 'groq', 'xai']) {
      await createProviderKeys(harness, provider, [`sk-${provider}-surfaces-0001`]);
    }
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'surfaces' });
    clients = sdkClients(harness, accessKey.body.token);
  });
  beforeEach(() => upstream.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  describe('surfaces', () => {
    it('passes /v1/responses through to a provider that has it, JSON and streamed', async () => {
      const response = await clients.openai.responses.create({ model: 'gpt-4o', input: 'Hi' });
      expect(response.output_text).toBe(replyText('gpt-4o'));
      expect(lastUpstreamRequest(upstream).path).toBe('/v1/responses');

      const stream = await clients.openai.responses.create({ model: 'gpt-4o', input: 'Hi', stream: true });
      let text = '';
      for await (const event of stream) if (event.type === 'response.output_text.delta') text += event.delta;
      expect(text).toBe(replyText('gpt-4o'));
    });

    it('passes /v1/completions through to a provider that has it, JSON and streamed', async () => {
      const model = 'openai:gpt-3.5-turbo-instruct';
      const completion = await clients.openai.completions.create({ model, prompt: 'Hi' });
      expect(completion.choices[0]?.text).toBe(replyText('gpt-3.5-turbo-instruct'));
      expect(lastUpstreamRequest(upstream).path).toBe('/v1/completions');

      const stream = await clients.openai.completions.create({ model, prompt: 'Hi', stream: true });
      let text = '';
      for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
      expect(text).toBe(replyText('gpt-3.5-turbo-instruct'));
    });

    // `/v1/responses` translates for every chat model (test/gateway/client-responses.test.ts).
    it.each([
      ['/v1/completions', { model: 'claude-haiku-4-5', prompt: 'Hi' }],
      ['/v1/embeddings', { model: 'claude-haiku-4-5', input: 'Hi' }],
      ['/v1/embeddings', { model: 'groq:llama-3.3-70b-versatile', input: 'Hi' }],
    ])('answers %s for a provider without that surface with unsupported_surface', async (path, body) => {
      const response = await post(path, body);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ error: { code: 'unsupported_surface', param: 'model' } });
      expect(upstream.requests).toHaveLength(0);
    });
  });

  describe('parameters', () => {
    it("removes what the model's catalog entry does not take, names it, and passes the rest untouched", async () => {
      const body = {
        model: 'openai:o3',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.2,
        top_p: 0.9,
        logit_bias: { '50256': -100 },
        seed: 7,
        reasoning_effort: 'low',
        response_format: { type: 'json_object' },
        metadata: { team: 'search' },
        max_completion_tokens: 300,
      };
      const response = await post('/v1/chat/completions', body);
      expect(response.status).toBe(200);
      expect(response.headers.get('tollgate-removed-params')).toBe('temperature, top_p, logit_bias');
      const { temperature: _t, top_p: _p, logit_bias: _b, ...kept } = body;
      expect(lastUpstreamRequest(upstream).body).toEqual({ ...kept, model: 'o3' });
    });

    it('removes nothing, and says so, for a model that takes everything', async () => {
      const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }], temperature: 0.2, n: 1 };
      const response = await post('/v1/chat/completions', body);
      expect(response.headers.get('tollgate-removed-params')).toBe('');
      expect(lastUpstreamRequest(upstream).body).toEqual(body);
    });

    it('strips by the target model after translation, OpenAI client → Anthropic model', async () => {
      const response = await post('/v1/chat/completions', {
        model: 'claude-fable-5',
        messages: [{ role: 'user', content: 'Hi' }],
        temperature: 0.2,
        top_p: 0.5,
        max_tokens: 50,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('tollgate-removed-params')).toBe('temperature, top_p');
      expect(lastUpstreamRequest(upstream).body).toEqual({
        model: 'claude-fable-5',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hi' }],
      });
    });

    it('strips by the target model after translation, Anthropic client → OpenAI-format model', async () => {
      // grok-4 takes no `stop`: the client's `stop_sequences` become `stop`, which is then removed.
      const { response } = await clients.anthropic.messages
        .create({
          model: 'xai:grok-4',
          max_tokens: 50,
          stop_sequences: ['END'],
          messages: [{ role: 'user', content: 'Hi' }],
        })
        .withResponse();
      expect(response.headers.get('tollgate-removed-params')).toBe('stop');
      expect(lastUpstreamRequest(upstream).body).toEqual({
        model: 'grok-4',
        max_tokens: 50,
        messages: [{ role: 'user', content: 'Hi' }],
      });
    });
  });
});
