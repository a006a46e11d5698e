import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_INPUT_TOKENS,
  type FakeUpstream,
  OUTPUT_TOKENS,
  replyText,
  startFakeUpstream,
  TOOL_INPUT,
} from '../fake-upstream/server.js';
import { createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import {
  clientsRoutedThrough,
  lastUpstreamRequest,
  type SdkClients,
  sdkClients,
  usageEvents,
  weatherTool,
} from './gateway-fixtures.js';

const anthropicKey = 'sk-ant-test-provider-key-0123';
const openaiKey = 'sk-openai-test-provider-key-4567';
const claude = 'claude-haiku-4-5';

describe('gateway with the official Anthropic SDK', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let clients: SdkClients;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    await createProviderKeys(harness, 'anthropic', [anthropicKey]);
    await createProviderKeys(harness, 'openai', [openaiKey]);
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'claude-app' });
    clients = sdkClients(harness, accessKey.body.token);
  });
  beforeEach(() => upstream.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('answers a message and records its usage from the provider counts', async () => {
    const { data, response } = await clients.anthropic.messages
      .create({ model: claude, max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.content).toEqual([{ type: 'text', text: replyText(claude) }]);
    expect(data.stop_reason).toBe('end_turn');
    expect(data.usage).toMatchObject({ input_tokens: BASE_INPUT_TOKENS + 1, output_tokens: OUTPUT_TOKENS });
    expect(response.headers.get('tollgate-model')).toBe(`anthropic:${claude}`);
    const [event] = await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(event).toMatchObject({
      provider: 'anthropic',
      input_tokens: BASE_INPUT_TOKENS + 1,
      output_tokens: OUTPUT_TOKENS,
      stop_reason: 'end_turn',
      usage_estimated: 0,
    });
  });

  it('sends the provider key as x-api-key, never the access key, to the /messages path', async () => {
    await clients.anthropic.messages.create({
      model: claude,
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const received = lastUpstreamRequest(upstream);
    expect(received.path).toBe('/v1/messages');
    expect(received.headers['x-api-key']).toBe(anthropicKey);
    expect(received.headers.authorization).toBeUndefined();
    expect(JSON.stringify(received.headers)).not.toContain(clients.token);
    expect(received.body.model).toBe(claude);
  });

  it("forwards the client's anthropic-version and anthropic-beta on a same-format request", async () => {
    await clients.anthropic.messages.create(
      { model: claude, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] },
      { headers: { 'anthropic-version': '2023-01-01', 'anthropic-beta': 'context-1m-2025-08-07' } },
    );
    const received = lastUpstreamRequest(upstream);
    expect(received.headers['anthropic-version']).toBe('2023-01-01');
    expect(received.headers['anthropic-beta']).toBe('context-1m-2025-08-07');
  });

  it('serves the beta messages API, forwarding its betas', async () => {
    const message = await clients.anthropic.beta.messages.create({
      model: claude,
      max_tokens: 16,
      betas: ['context-management-2025-06-27'],
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(message.content).toMatchObject([{ type: 'text', text: replyText(claude) }]);
    const received = lastUpstreamRequest(upstream);
    expect(received.path).toBe('/v1/messages');
    expect(received.headers['anthropic-beta']).toBe('context-management-2025-06-27');
  });

  it('accepts the access key in x-api-key as well', async () => {
    const response = await fetch(`${harness.gatewayUrl}/v1/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-api-key': clients.token,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify({ model: claude, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { type: string }).type).toBe('message');
  });

  it('streams a message event by event into finalMessage()', async () => {
    const stream = clients.anthropic.messages.stream({
      model: claude,
      max_tokens: 256,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const deltas: string[] = [];
    stream.on('text', (delta) => deltas.push(delta));
    const message = await stream.finalMessage();
    expect(deltas.join('')).toBe(replyText(claude));
    expect(deltas.length).toBeGreaterThan(1);
    expect(message.content).toMatchObject([{ type: 'text', text: replyText(claude) }]);
    expect(message.usage).toMatchObject({
      input_tokens: BASE_INPUT_TOKENS + 1,
      output_tokens: OUTPUT_TOKENS,
    });
    const { response } = await stream.withResponse();
    const [event] = await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(event).toMatchObject({ output_tokens: OUTPUT_TOKENS, is_streaming: 1, usage_estimated: 0 });
  });

  it('passes tool use through, streamed and not', async () => {
    const request = {
      model: claude,
      max_tokens: 256,
      tools: [{ name: weatherTool.name, input_schema: weatherTool.parameters }],
      messages: [{ role: 'user' as const, content: 'What is the weather in Paris?' }],
    };
    const json = await clients.anthropic.messages.create(request);
    const streamed = await clients.anthropic.messages.stream(request).finalMessage();
    for (const message of [json, streamed]) {
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content[0]).toMatchObject({ type: 'tool_use', name: 'get_weather', input: TOOL_INPUT });
    }
  });

  it('counts tokens through the provider without a usage event', async () => {
    const { data, response } = await clients.anthropic.messages
      .countTokens({ model: claude, messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data).toEqual({ input_tokens: BASE_INPUT_TOKENS + 1 });
    expect(lastUpstreamRequest(upstream).path).toBe('/v1/messages/count_tokens');
    expect(lastUpstreamRequest(upstream).headers['x-api-key']).toBe(anthropicKey);
    expect(response.headers.get('tollgate-model')).toBe(`anthropic:${claude}`);
    const requestId = response.headers.get('tollgate-request-id') ?? '';
    expect(requestId).toMatch(/^rq_/);
    expect(await usageEvents(harness, requestId)).toEqual([]);
  });

  it('estimates the count itself for a model reached by translation', async () => {
    const { data, response } = await clients.anthropic.messages
      .countTokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello there, how are you?' }] })
      .withResponse();
    expect(data.input_tokens).toBeGreaterThan(0);
    expect(upstream.requests).toHaveLength(0);
    expect(response.headers.get('tollgate-model')).toBe('openai:gpt-4o');
    expect(await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '')).toEqual([]);
  });

  it('applies scope to count_tokens as to messages', async () => {
    const configured = await harness.admin<{ id: string }>('POST', '/access-key-configurations', {
      name: 'openai only',
      access: { providers: { allow: ['openai'] } },
    });
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', {
      name: 'scoped',
      accessKeyConfigurationId: configured.body.id,
    });
    const scoped = sdkClients(harness, accessKey.body.token);
    const error = await scoped.anthropic.messages
      .countTokens({ model: claude, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'permission_error', code: 'provider_not_allowed' },
    });
    expect(upstream.requests).toHaveLength(0);
  });

  it("answers gateway errors in Anthropic's error shape", async () => {
    const error = await clients.anthropic.messages
      .create({ model: 'no-such-model', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.UnprocessableEntityError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error', code: 'unknown_model' },
    });

    const anonymous = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: 'not-a-key', maxRetries: 0 });
    const refused = await anonymous.messages
      .create({ model: claude, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((refused as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'authentication_error', code: 'invalid_access_key' },
    });
  });

  it("answers an upstream error that ends the request in Anthropic's shape, naming the provider", async () => {
    const failing = await clientsRoutedThrough(harness, { anthropic: 'sk-ant-fail-400-bbbb' });
    const error = await failing.anthropic.messages
      .create({ model: claude, max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    const body = (error as InstanceType<typeof Anthropic.APIError>).error as {
      type: string;
      error: { type: string; message: string };
    };
    expect(body.type).toBe('error');
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toContain('Provider "anthropic" returned 400');
    expect(body.error.message).not.toContain('sk-ant-fail-400-bbbb');
  });
});
