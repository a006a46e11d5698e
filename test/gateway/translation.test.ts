import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_INPUT_TOKENS,
  type FakeUpstream,
  OUTPUT_TOKENS,
  replyText,
  startFakeUpstream,
  TOOL_ARGUMENTS,
  TOOL_INPUT,
} from '../fake-upstream/server.js';
import { createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import {
  clientsRoutedThrough,
  lastUpstreamRequest,
  pixelPngBase64,
  type SdkClients,
  sdkClients,
  usageEvents,
  weatherTool,
} from './gateway-fixtures.js';

const claude = 'claude-haiku-4-5';
/** claude-haiku-4-5's maxOutputTokens in the catalog. */
const claudeCatalogMaxOutput = 64_000;
const weatherQuestion = 'What is the weather in Paris?';

describe('format translation with both official SDKs', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let clients: SdkClients;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    await createProviderKeys(harness, 'anthropic', ['sk-ant-translation-0001']);
    await createProviderKeys(harness, 'openai', ['sk-openai-translation-0002']);
    await createProviderKeys(harness, 'groq', ['gsk-groq-translation-0003']);
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'translated' });
    clients = sdkClients(harness, accessKey.body.token);
  });
  beforeEach(() => upstream.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  describe('OpenAI chat completions → an Anthropic model', () => {
    it('answers a chat completion translated from an Anthropic message', async () => {
      const { data, response } = await clients.openai.chat.completions
        .create({ model: claude, messages: [{ role: 'user', content: 'Hi' }] })
        .withResponse();
      expect(data.object).toBe('chat.completion');
      expect(data.model).toBe(claude);
      expect(data.choices[0]?.message).toMatchObject({ role: 'assistant', content: replyText(claude) });
      expect(data.choices[0]?.finish_reason).toBe('stop');
      expect(data.usage).toMatchObject({
        prompt_tokens: BASE_INPUT_TOKENS + 1,
        completion_tokens: OUTPUT_TOKENS,
        total_tokens: BASE_INPUT_TOKENS + 1 + OUTPUT_TOKENS,
      });
      expect(response.headers.get('tollgate-model')).toBe(`anthropic:${claude}`);
      const [event] = await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
      expect(event).toMatchObject({ provider: 'anthropic', stop_reason: 'stop', usage_estimated: 0 });
    });

    it('sends Anthropic Messages upstream: path, version header, default max_tokens, system, stop, image', async () => {
      await clients.openai.chat.completions.create({
        model: claude,
        messages: [
          { role: 'system', content: 'You are terse.' },
          { role: 'developer', content: 'Answer in French.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${pixelPngBase64}` } },
            ],
          },
        ],
        stop: ['END', 'STOP'],
        temperature: 0.5,
      });
      const received = lastUpstreamRequest(upstream);
      expect(received.path).toBe('/v1/messages');
      expect(received.headers['anthropic-version']).toBe('2023-06-01');
      expect(received.headers['x-api-key']).toBe('sk-ant-translation-0001');
      expect(received.body).toEqual({
        model: claude,
        max_tokens: claudeCatalogMaxOutput,
        system: 'You are terse.\n\nAnswer in French.',
        stop_sequences: ['END', 'STOP'],
        temperature: 0.5,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pixelPngBase64 } },
            ],
          },
        ],
      });
    });

    it("keeps the client's max_completion_tokens and never sends its anthropic-beta header", async () => {
      await clients.openai.chat.completions.create(
        { model: claude, max_completion_tokens: 123, messages: [{ role: 'user', content: 'Hi' }] },
        { headers: { 'anthropic-beta': 'some-beta', 'anthropic-version': '2020-01-01' } },
      );
      const received = lastUpstreamRequest(upstream);
      expect(received.body.max_tokens).toBe(123);
      expect(received.headers['anthropic-version']).toBe('2023-06-01');
      expect(received.headers['anthropic-beta']).toBeUndefined();
    });

    it('defaults max_tokens to 4096 for a model the catalog does not know', async () => {
      await clients.openai.chat.completions.create({
        model: 'anthropic:claude-experimental',
        messages: [{ role: 'user', content: 'Hi' }],
      });
      expect(lastUpstreamRequest(upstream).body.max_tokens).toBe(4096);
    });

    it('streams valid chat.completion.chunk events, without usage unless asked', async () => {
      const stream = await clients.openai.chat.completions.create({
        model: claude,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
      });
      let text = '';
      const finishes: string[] = [];
      let sawUsage = false;
      for await (const chunk of stream) {
        expect(chunk.object).toBe('chat.completion.chunk');
        expect(chunk.model).toBe(claude);
        if (chunk.usage) sawUsage = true;
        text += chunk.choices[0]?.delta.content ?? '';
        const finish = chunk.choices[0]?.finish_reason;
        if (finish) finishes.push(finish);
      }
      expect(text).toBe(replyText(claude));
      expect(finishes).toEqual(['stop']);
      expect(sawUsage).toBe(false);
      expect(lastUpstreamRequest(upstream).body.stream).toBe(true);
    });

    it('ends the stream with a usage chunk when the client asked for it', async () => {
      const stream = await clients.openai.chat.completions.create({
        model: claude,
        messages: [{ role: 'user', content: 'Hi' }],
        stream: true,
        stream_options: { include_usage: true },
      });
      const chunks = [];
      for await (const chunk of stream) chunks.push(chunk);
      const last = chunks.at(-1);
      expect(last?.choices).toEqual([]);
      expect(last?.usage).toMatchObject({
        prompt_tokens: BASE_INPUT_TOKENS + 1,
        completion_tokens: OUTPUT_TOKENS,
      });
    });

    it('round-trips a tool call: tool_calls out, tool result back as tool_result', async () => {
      const tools = [{ type: 'function' as const, function: weatherTool }];
      const question = { role: 'user' as const, content: weatherQuestion };
      const first = await clients.openai.chat.completions.create({
        model: claude,
        tools,
        messages: [question],
      });
      const call = first.choices[0]?.message.tool_calls?.[0];
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
      if (call?.type !== 'function') throw new Error('expected a function tool call');
      expect(JSON.parse(call.function.arguments)).toEqual(TOOL_INPUT);
      expect(lastUpstreamRequest(upstream).body.tools).toEqual([
        { name: 'get_weather', description: weatherTool.description, input_schema: weatherTool.parameters },
      ]);

      const second = await clients.openai.chat.completions.create({
        model: claude,
        tools,
        messages: [
          question,
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: '18°C and sunny' },
        ],
      });
      expect(second.choices[0]?.message.content).toBe(replyText(claude));
      expect(lastUpstreamRequest(upstream).body.messages).toEqual([
        { role: 'user', content: weatherQuestion },
        {
          role: 'assistant',
          content: [{ type: 'tool_use', id: call.id, name: 'get_weather', input: TOOL_INPUT }],
        },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '18°C and sunny' }] },
      ]);
    });

    it('streams a tool call as tool_calls deltas', async () => {
      const stream = await clients.openai.chat.completions.create({
        model: claude,
        stream: true,
        tools: [{ type: 'function', function: weatherTool }],
        messages: [{ role: 'user', content: weatherQuestion }],
      });
      let name = '';
      let args = '';
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        const delta = chunk.choices[0]?.delta;
        name += delta?.tool_calls?.[0]?.function?.name ?? '';
        args += delta?.tool_calls?.[0]?.function?.arguments ?? '';
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      expect(name).toBe('get_weather');
      expect(args).toBe(TOOL_ARGUMENTS);
      expect(finish).toBe('tool_calls');
    });

    it("returns an upstream error in OpenAI's shape", async () => {
      const failing = await clientsRoutedThrough(harness, { anthropic: 'sk-ant-fail-400-cccc' });
      const error = await failing.openai.chat.completions
        .create({ model: claude, messages: [{ role: 'user', content: 'Hi' }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(OpenAI.BadRequestError);
      const apiError = error as InstanceType<typeof OpenAI.APIError>;
      expect(apiError.code).toBe('invalid_request_body');
      expect(apiError.message).toContain('Provider "anthropic" returned 400');
    });
  });

  describe('Anthropic messages → an OpenAI-format model', () => {
    it('answers a message translated from a chat completion', async () => {
      const { data, response } = await clients.anthropic.messages
        .create({ model: 'gpt-4o', max_tokens: 100, messages: [{ role: 'user', content: 'Hi' }] })
        .withResponse();
      expect(data).toMatchObject({
        type: 'message',
        role: 'assistant',
        model: 'gpt-4o',
        content: [{ type: 'text', text: replyText('gpt-4o') }],
        stop_reason: 'end_turn',
        usage: { input_tokens: BASE_INPUT_TOKENS + 1, output_tokens: OUTPUT_TOKENS },
      });
      expect(data.id).toMatch(/^msg_/);
      expect(response.headers.get('tollgate-model')).toBe('openai:gpt-4o');
      const [event] = await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
      expect(event).toMatchObject({ provider: 'openai', stop_reason: 'end_turn', usage_estimated: 0 });
    });

    it('sends Chat Completions upstream: path, bearer key, system first, stop, image, max_completion_tokens', async () => {
      await clients.anthropic.messages.create({
        model: 'gpt-4o',
        max_tokens: 100,
        system: 'You are terse.',
        stop_sequences: ['END'],
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image', source: { type: 'base64', media_type: 'image/png', data: pixelPngBase64 } },
            ],
          },
        ],
      });
      const received = lastUpstreamRequest(upstream);
      expect(received.path).toBe('/v1/chat/completions');
      expect(received.headers.authorization).toBe('Bearer sk-openai-translation-0002');
      expect(received.headers['x-api-key']).toBeUndefined();
      expect(received.headers['anthropic-version']).toBeUndefined();
      expect(received.body).toEqual({
        model: 'gpt-4o',
        max_completion_tokens: 100,
        stop: ['END'],
        messages: [
          { role: 'system', content: 'You are terse.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in this picture?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${pixelPngBase64}` } },
            ],
          },
        ],
      });
    });

    it('sends max_tokens to OpenAI-compatible providers other than OpenAI', async () => {
      await clients.anthropic.messages.create({
        model: 'groq:llama-3.3-70b-versatile',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      const received = lastUpstreamRequest(upstream);
      expect(received.body.max_tokens).toBe(100);
      expect(received.body.max_completion_tokens).toBeUndefined();
    });

    it('streams the Anthropic event sequence into finalMessage(), asking upstream for usage', async () => {
      const stream = clients.anthropic.messages.stream({
        model: 'gpt-4o',
        max_tokens: 100,
        messages: [{ role: 'user', content: 'Hi' }],
      });
      const events: string[] = [];
      stream.on('streamEvent', (event) => events.push(event.type));
      const message = await stream.finalMessage();
      expect(message.content).toMatchObject([{ type: 'text', text: replyText('gpt-4o') }]);
      expect(message.stop_reason).toBe('end_turn');
      expect(message.usage).toMatchObject({
        input_tokens: BASE_INPUT_TOKENS + 1,
        output_tokens: OUTPUT_TOKENS,
      });
      expect(events[0]).toBe('message_start');
      expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
      expect(lastUpstreamRequest(upstream).body.stream_options).toEqual({ include_usage: true });
    });

    it('round-trips tool use: tool_use out, tool_result back as a tool message', async () => {
      const tools = [
        {
          name: weatherTool.name,
          description: weatherTool.description,
          input_schema: weatherTool.parameters,
        },
      ];
      const question = { role: 'user' as const, content: weatherQuestion };
      const first = await clients.anthropic.messages.create({
        model: 'gpt-4o',
        max_tokens: 100,
        tools,
        messages: [question],
      });
      expect(first.stop_reason).toBe('tool_use');
      const toolUse = first.content[0];
      expect(toolUse).toMatchObject({ type: 'tool_use', name: 'get_weather', input: TOOL_INPUT });
      if (toolUse?.type !== 'tool_use') throw new Error('expected a tool_use block');
      expect(lastUpstreamRequest(upstream).body.tools).toEqual([{ type: 'function', function: weatherTool }]);

      const second = await clients.anthropic.messages.create({
        model: 'gpt-4o',
        max_tokens: 100,
        tools,
        messages: [
          question,
          { role: 'assistant', content: first.content },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: toolUse.id, content: '18°C and sunny' }],
          },
        ],
      });
      expect(second.content).toMatchObject([{ type: 'text', text: replyText('gpt-4o') }]);
      expect(lastUpstreamRequest(upstream).body.messages).toEqual([
        { role: 'user', content: weatherQuestion },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: toolUse.id,
              type: 'function',
              function: { name: 'get_weather', arguments: JSON.stringify(TOOL_INPUT) },
            },
          ],
        },
        { role: 'tool', tool_call_id: toolUse.id, content: '18°C and sunny' },
      ]);
    });

    it('streams tool use into a tool_use block', async () => {
      const message = await clients.anthropic.messages
        .stream({
          model: 'gpt-4o',
          max_tokens: 100,
          tools: [{ name: weatherTool.name, input_schema: weatherTool.parameters }],
          messages: [{ role: 'user', content: weatherQuestion }],
        })
        .finalMessage();
      expect(message.stop_reason).toBe('tool_use');
      expect(message.content).toMatchObject([{ type: 'tool_use', name: 'get_weather', input: TOOL_INPUT }]);
    });

    it("returns an upstream error in Anthropic's shape", async () => {
      const failing = await clientsRoutedThrough(harness, { openai: 'sk-fail-429-dddd' });
      const error = await failing.anthropic.messages
        .create({ model: 'gpt-4o', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Anthropic.RateLimitError);
      const apiError = error as InstanceType<typeof Anthropic.APIError>;
      expect(apiError.headers?.get('retry-after')).toBe('1');
      expect(apiError.error).toMatchObject({
        type: 'error',
        error: { type: 'rate_limit_error', code: 'rate_limited' },
      });
    });
  });
});
