import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { fixture, payloads, runStream, sseEvents } from './fixtures/fixtures.js';
import { createOpenAIToAnthropicStream, OpenAIToAnthropicStream } from './openai-to-anthropic-stream.js';

const OPTIONS = { model: 'openai:gpt-4o' };

/** Runs SSE text through the Anthropic SDK's MessageStream and returns the final message. */
async function viaAnthropicSdk(sse: string) {
  const client = new Anthropic({
    apiKey: 'test',
    baseURL: 'http://upstream.invalid',
    fetch: async () => new Response(sse, { headers: { 'content-type': 'text/event-stream' } }),
  });
  const stream = client.messages.stream({
    model: 'openai:gpt-4o',
    max_tokens: 1024,
    messages: [{ role: 'user', content: 'Weather in Paris?' }],
  });
  return stream.finalMessage();
}

const eventNames = (sse: string) => sseEvents(sse).map((e) => e.event);

describe('OpenAIToAnthropicStream', () => {
  it('emits the Anthropic event sequence for parallel tool calls', () => {
    const out = runStream(new OpenAIToAnthropicStream(OPTIONS), fixture('openai-chat-stream-tool-calls.sse'));
    expect(eventNames(out)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(payloads(out).map((p) => p.data)).toEqual([
      {
        type: 'message_start',
        message: {
          id: 'msg_BbK3GqXkPp3s9Z1r7Q2tWf8e4HnLm',
          type: 'message',
          role: 'assistant',
          model: 'openai:gpt-4o',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: 0,
            output_tokens: 0,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
          },
        },
      },
      {
        type: 'content_block_start',
        index: 0,
        content_block: {
          type: 'tool_use',
          id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
          name: 'get_weather',
          input: {},
        },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"lo' } },
      {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: 'cation": "Paris"}' },
      },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_q5Xq0ZbJcL0sHh4rTqW4x9Vd', name: 'get_time', input: {} },
      },
      {
        type: 'content_block_delta',
        index: 1,
        delta: { type: 'input_json_delta', partial_json: '{"tz": "Europe/Paris"}' },
      },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: {
          output_tokens: 48,
          input_tokens: 142,
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 0,
        },
      },
      { type: 'message_stop' },
    ]);
  });

  it('is accepted by the Anthropic SDK (tool calls)', async () => {
    const translator = createOpenAIToAnthropicStream(OPTIONS);
    const message = await viaAnthropicSdk(
      runStream(translator, fixture('openai-chat-stream-tool-calls.sse'), 9),
    );
    expect(message.content).toEqual([
      {
        type: 'tool_use',
        id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
        name: 'get_weather',
        input: { location: 'Paris' },
      },
      {
        type: 'tool_use',
        id: 'call_q5Xq0ZbJcL0sHh4rTqW4x9Vd',
        name: 'get_time',
        input: { tz: 'Europe/Paris' },
      },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    expect(message.usage).toMatchObject({ input_tokens: 142, output_tokens: 48 });
    expect(translator.usage()).toMatchObject({ inputTokens: 142, outputTokens: 48 });
    expect(translator.stopReason()).toBe('tool_use');
    expect(translator.generatedText()).toBe('get_weather{"location": "Paris"}get_time{"tz": "Europe/Paris"}');
  });

  it('is accepted by the Anthropic SDK (text, cached tokens)', async () => {
    const translator = new OpenAIToAnthropicStream({ ...OPTIONS, id: 'msg_fixed' });
    const out = runStream(translator, fixture('openai-chat-stream-text.sse'));
    const message = await viaAnthropicSdk(out);
    expect(message.id).toBe('msg_fixed');
    expect(message.content).toEqual([{ type: 'text', text: 'Hello! How can I help "usage" today?' }]);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage).toMatchObject({
      input_tokens: 128,
      cache_read_input_tokens: 1920,
      output_tokens: 12,
    });
    expect(translator.usage()).toEqual({
      inputTokens: 2048,
      outputTokens: 12,
      cacheReadTokens: 1920,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 0,
    });
  });

  it('switches from text to tool blocks and finalizes at end() without [DONE]', async () => {
    const chunk = (delta: unknown, finish: string | null = null, usage?: unknown) =>
      `data: ${JSON.stringify({
        id: 'chatcmpl-z',
        object: 'chat.completion.chunk',
        created: 1,
        model: 'llama',
        choices: [{ index: 0, delta, finish_reason: finish }],
        ...(usage ? { usage } : {}),
      })}\n\n`;
    const upstream =
      chunk({ role: 'assistant', content: 'Let me look.' }) +
      chunk({
        tool_calls: [
          { index: 0, id: 'call_a', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } },
        ],
      }) +
      chunk({}, 'tool_calls', { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 });
    const translator = new OpenAIToAnthropicStream(OPTIONS);
    const out = runStream(translator, upstream);
    expect(eventNames(out)).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'content_block_start',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const message = await viaAnthropicSdk(out);
    expect(message.content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: 'call_a', name: 'lookup', input: { q: 'x' } },
    ]);
    expect(message.usage).toMatchObject({ input_tokens: 20, output_tokens: 9 });
    expect(translator.end()).toBe('');
  });

  it('closes an empty stream with a valid message', async () => {
    const translator = new OpenAIToAnthropicStream(OPTIONS);
    const message = await viaAnthropicSdk(translator.end());
    expect(message.content).toEqual([]);
    expect(message.stop_reason).toBe('end_turn');
  });

  it('turns an upstream error chunk into an Anthropic error event', async () => {
    const upstream =
      fixture('openai-chat-stream-text.sse').split('\n\n')[1] +
      '\n\ndata: {"error":{"message":"The server had an error","type":"server_error","param":null,"code":null}}\n\n';
    const translator = new OpenAIToAnthropicStream(OPTIONS);
    const out = runStream(translator, upstream);
    const last = sseEvents(out).at(-1);
    expect(last?.event).toBe('error');
    expect(JSON.parse(last?.data ?? '')).toEqual({
      type: 'error',
      error: { type: 'api_error', message: 'The server had an error' },
    });
    await expect(viaAnthropicSdk(out)).rejects.toThrow(/The server had an error/);
  });

  it('keeps generated text when the stream breaks', () => {
    const text = fixture('openai-chat-stream-text.sse');
    const translator = new OpenAIToAnthropicStream(OPTIONS);
    for (const event of sseEvents(text.slice(0, text.indexOf('"finish_reason":"stop"'))))
      translator.push(event);
    expect(translator.generatedText()).toBe('Hello! How can I help "usage" today?');
    expect(translator.usage()).toBeNull();
    expect(translator.stopReason()).toBeNull();
  });

  it('opens with the input estimate and closes with the provider count', () => {
    const out = runStream(
      new OpenAIToAnthropicStream({ ...OPTIONS, estimatedInputTokens: 42 }),
      fixture('openai-chat-stream-text.sse'),
    );
    const events = payloads(out).map((p) => p.data as { type: string; [key: string]: unknown });
    const start = events.find((event) => event.type === 'message_start');
    expect(start).toMatchObject({ message: { usage: { input_tokens: 42, output_tokens: 0 } } });
    const delta = events.find((event) => event.type === 'message_delta');
    const providerCount = (delta?.usage as { input_tokens?: number } | undefined)?.input_tokens;
    expect(providerCount).toBeGreaterThan(0);
    expect(providerCount).not.toBe(42);
  });
});
