import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  BASE_INPUT_TOKENS,
  CACHE_WRITE_1H_TOKENS,
  CACHE_WRITE_5M_TOKENS,
  CACHE_WRITE_USER,
  CACHED_TOKENS,
  embeddingFor,
  type FakeUpstream,
  inputTokens,
  OUTPUT_TOKENS,
  REASONING_TOKENS,
  replyDeltas,
  replyText,
  startFakeUpstream,
} from './server.js';

let up: FakeUpstream;

beforeAll(async () => {
  up = await startFakeUpstream();
});
afterAll(async () => {
  await up.close();
});
beforeEach(() => {
  up.reset();
});

function openai(apiKey = 'sk-test', extra: { timeout?: number } = {}): OpenAI {
  return new OpenAI({ baseURL: `${up.url}/v1`, apiKey, maxRetries: 0, ...extra });
}

function anthropic(apiKey = 'sk-ant-test', extra: { timeout?: number } = {}): Anthropic {
  return new Anthropic({ baseURL: up.url, apiKey, maxRetries: 0, ...extra });
}

const userMsg = [{ role: 'user' as const, content: 'Say hi' }];

async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('fake upstream: OpenAI format', () => {
  it('chat completion JSON with exact usage', async () => {
    const res = await openai().chat.completions.create({ model: 'gpt-4o', messages: userMsg });
    expect(res.object).toBe('chat.completion');
    expect(res.id).toMatch(/^chatcmpl-/);
    expect(res.model).toBe('gpt-4o');
    expect(res.choices[0]?.message.content).toBe('Hello from gpt-4o!');
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.usage).toMatchObject({
      prompt_tokens: BASE_INPUT_TOKENS + 1,
      completion_tokens: OUTPUT_TOKENS,
      total_tokens: BASE_INPUT_TOKENS + 1 + OUTPUT_TOKENS,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    expect(inputTokens({ messages: userMsg })).toBe(11);
  });

  it('reports cached and reasoning tokens for user=cached', async () => {
    const res = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [...userMsg, { role: 'assistant', content: 'x' }, { role: 'user', content: 'y' }],
      user: 'cached',
    });
    expect(res.usage?.prompt_tokens).toBe(BASE_INPUT_TOKENS + 3);
    expect(res.usage?.prompt_tokens_details?.cached_tokens).toBe(CACHED_TOKENS);
    expect(res.usage?.completion_tokens_details?.reasoning_tokens).toBe(REASONING_TOKENS);
  });

  it('chat stream without include_usage carries no usage', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: userMsg,
      stream: true,
    });
    const deltas: string[] = [];
    let sawUsage = false;
    let finish: string | null = null;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      if (chunk.usage) sawUsage = true;
      const c = chunk.choices[0];
      if (c?.delta.content) deltas.push(c.delta.content);
      if (c?.finish_reason) finish = c.finish_reason;
    }
    expect(deltas).toEqual(replyDeltas('gpt-4o'));
    expect(finish).toBe('stop');
    expect(sawUsage).toBe(false);
  });

  it('chat stream with include_usage ends with a choices:[] usage chunk', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: userMsg,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1];
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
    expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe('stop');
  });

  it('usage-in-last-choice puts usage on the finish chunk', async () => {
    const stream = await openai('sk-usage-in-last-choice').chat.completions.create({
      model: 'gpt-4o',
      messages: userMsg,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks[chunks.length - 1];
    expect(last?.choices[0]?.finish_reason).toBe('stop');
    expect(last?.usage?.completion_tokens).toBe(OUTPUT_TOKENS);
    expect(chunks.some((c) => c.choices.length === 0)).toBe(false);
  });

  it('chat tool calls (stream helper accumulates them)', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'get_weather', parameters: { type: 'object', properties: {} } },
      },
    ];
    const messages = [{ role: 'user' as const, content: 'What is the weather in Paris?' }];
    const json = await openai().chat.completions.create({ model: 'gpt-4o', messages, tools });
    expect(json.choices[0]?.finish_reason).toBe('tool_calls');
    const final = await openai()
      .chat.completions.stream({ model: 'gpt-4o', messages, tools })
      .finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.id).toMatch(/^call_/);
    expect(call?.type === 'function' ? call.function.name : undefined).toBe('get_weather');
    expect(call?.type === 'function' ? JSON.parse(call.function.arguments) : undefined).toEqual({
      location: 'Paris',
    });
  });

  it('legacy completions JSON and stream', async () => {
    const res = await openai().completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi' });
    expect(res.object).toBe('text_completion');
    expect(res.choices[0]?.text).toBe(replyText('gpt-3.5-turbo-instruct'));
    expect(res.usage?.prompt_tokens).toBe(11);
    const stream = await openai().completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: ['a', 'b'],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.text ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toBe(replyText('gpt-3.5-turbo-instruct'));
    expect(usage?.prompt_tokens).toBe(12);
  });

  it('embeddings (SDK default base64 and float) are deterministic', async () => {
    const viaBase64 = await openai().embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
    });
    const viaFloat = await openai().embeddings.create({
      model: 'text-embedding-3-small',
      input: ['a', 'b'],
      encoding_format: 'float',
    });
    expect(up.requests[0]?.body).toMatchObject({ encoding_format: 'base64' });
    expect(viaBase64.data).toHaveLength(2);
    expect(viaBase64.data[1]?.embedding).toEqual(embeddingFor('b'));
    expect(viaFloat.data[0]?.embedding).toEqual(embeddingFor('a'));
    expect(viaFloat.usage).toEqual({ prompt_tokens: 12, total_tokens: 12 });
  });

  it('responses API JSON and stream', async () => {
    const res = await openai().responses.create({ model: 'gpt-4o', input: 'Hi' });
    expect(res.object).toBe('response');
    expect(res.output_text).toBe('Hello from gpt-4o!');
    expect(res.usage).toMatchObject({ input_tokens: 11, output_tokens: 7, total_tokens: 18 });

    const stream = await openai().responses.create({ model: 'gpt-4o', input: 'Hi', stream: true });
    const types: string[] = [];
    let text = '';
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'response.output_text.delta') text += ev.delta;
      if (ev.type === 'response.completed') expect(ev.response.usage?.output_tokens).toBe(OUTPUT_TOKENS);
    }
    expect(types[0]).toBe('response.created');
    expect(types[types.length - 1]).toBe('response.completed');
    expect(text).toBe('Hello from gpt-4o!');

    const final = await openai()
      .responses.stream({ model: 'gpt-4o', input: [{ role: 'user', content: 'a' }], user: 'cached' })
      .finalResponse();
    expect(final.output_text).toBe('Hello from gpt-4o!');
    expect(final.usage?.input_tokens_details.cached_tokens).toBe(CACHED_TOKENS);
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBe(REASONING_TOKENS);
  });

  it('lists models', async () => {
    const ids: string[] = [];
    for await (const m of openai().models.list()) ids.push(m.id);
    expect(ids).toContain('gpt-4o');
  });

  it.each([
    [400, OpenAI.BadRequestError],
    [401, OpenAI.AuthenticationError],
    [403, OpenAI.PermissionDeniedError],
    [429, OpenAI.RateLimitError],
    [500, OpenAI.InternalServerError],
  ])('fail-%i maps to the SDK error class', async (status, cls) => {
    const err = await rejectionOf(
      openai(`sk-fail-${status}`).chat.completions.create({ model: 'gpt-4o', messages: userMsg }),
    );
    expect(err).toBeInstanceOf(cls);
    const apiErr = err as InstanceType<typeof OpenAI.APIError>;
    expect(apiErr.status).toBe(status);
    expect(apiErr.error).toMatchObject({
      message: expect.any(String),
      type: expect.any(String),
      param: null,
    });
    if (status === 429) expect(apiErr.headers?.get('retry-after')).toBe('1');
    if (status === 401) expect(apiErr.code).toBe('invalid_api_key');
  });

  it('break-stream makes the SDK stream throw', async () => {
    const stream = await openai('sk-break-stream').chat.completions.create({
      model: 'gpt-4o',
      messages: userMsg,
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    const err = await rejectionOf(
      (async () => {
        for await (const chunk of stream) {
          expect(chunk.usage ?? null).toBeNull();
          const d = chunk.choices[0]?.delta.content;
          if (d) deltas.push(d);
        }
      })(),
    );
    expect(err).toBeInstanceOf(Error);
    expect(deltas).toEqual(['Hello', ' from']);
  });

  it('reset → connection error; timeout → SDK timeout', async () => {
    await expect(
      openai('sk-reset').chat.completions.create({ model: 'm', messages: userMsg }),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    await expect(
      openai('sk-timeout', { timeout: 200 }).chat.completions.create({ model: 'm', messages: userMsg }),
    ).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  });

  it('slow-stream spaces deltas and stops when the client aborts', async () => {
    const stream = await openai('sk-slow-stream').chat.completions.create({
      model: 'gpt-4o',
      messages: userMsg,
      stream: true,
    });
    const times: number[] = [];
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) times.push(Date.now());
      if (times.length === 2) break; // breaking out aborts the request
    }
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(150);
  });
});

describe('fake upstream: Anthropic format', () => {
  it('messages JSON with exact usage', async () => {
    const msg = await anthropic().messages.create({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      messages: userMsg,
    });
    expect(msg.type).toBe('message');
    expect(msg.id).toMatch(/^msg_/);
    expect(msg.content).toEqual([{ type: 'text', text: 'Hello from claude-sonnet-4-5!' }]);
    expect(msg.stop_reason).toBe('end_turn');
    expect(msg.usage).toMatchObject({ input_tokens: 11, output_tokens: 7, cache_read_input_tokens: 0 });
    const rec = up.requests[0];
    expect(rec?.path).toBe('/v1/messages');
    // This SDK version authenticates with `Authorization: Bearer`; older ones use `x-api-key`.
    expect([rec?.headers['x-api-key'], rec?.headers.authorization]).toContain(
      rec?.headers['x-api-key'] === undefined ? 'Bearer sk-ant-test' : 'sk-ant-test',
    );
    expect(rec?.headers['anthropic-version']).toEqual(expect.any(String));
  });

  it('cached tokens via metadata.user_id', async () => {
    const msg = await anthropic().messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      messages: userMsg,
      metadata: { user_id: 'cached' },
    });
    expect(msg.usage.cache_read_input_tokens).toBe(CACHED_TOKENS);
    expect(msg.usage.input_tokens).toBe(11);
  });

  it('cache writes split by lifetime via metadata.user_id', async () => {
    const msg = await anthropic().messages.create({
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      messages: userMsg,
      metadata: { user_id: CACHE_WRITE_USER },
    });
    expect(msg.usage.cache_creation_input_tokens).toBe(CACHE_WRITE_5M_TOKENS + CACHE_WRITE_1H_TOKENS);
    expect(msg.usage.cache_creation).toEqual({
      ephemeral_5m_input_tokens: CACHE_WRITE_5M_TOKENS,
      ephemeral_1h_input_tokens: CACHE_WRITE_1H_TOKENS,
    });
    expect(msg.usage.input_tokens).toBe(11);
  });

  it('stream with finalMessage, including a tool_use round', async () => {
    const client = anthropic();
    const tools = [{ name: 'get_weather', input_schema: { type: 'object' as const, properties: {} } }];
    const first: Anthropic.MessageParam = { role: 'user', content: 'What is the weather in Paris?' };

    const events: string[] = [];
    const stream = client.messages.stream({
      model: 'claude-sonnet-4-5',
      max_tokens: 100,
      tools,
      messages: [first],
    });
    stream.on('streamEvent', (ev) => events.push(ev.type));
    const toolMsg = await stream.finalMessage();
    expect(events).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(toolMsg.stop_reason).toBe('tool_use');
    expect(toolMsg.usage.output_tokens).toBe(OUTPUT_TOKENS);
    const block = toolMsg.content[0];
    expect(block?.type).toBe('tool_use');
    if (block?.type !== 'tool_use') throw new Error('expected tool_use');
    expect(block.id).toMatch(/^toolu_/);
    expect(block.name).toBe('get_weather');
    expect(block.input).toEqual({ location: 'Paris' });

    const second = await client.messages
      .stream({
        model: 'claude-sonnet-4-5',
        max_tokens: 100,
        tools,
        messages: [
          first,
          { role: 'assistant', content: toolMsg.content },
          { role: 'user', content: [{ type: 'tool_result', tool_use_id: block.id, content: '18°C' }] },
        ],
      })
      .finalMessage();
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content).toEqual([{ type: 'text', text: 'Hello from claude-sonnet-4-5!' }]);
    expect(second.usage).toMatchObject({ input_tokens: 13, output_tokens: 7 });
    expect(up.requests[1]?.body).toMatchObject({ stream: true });
  });

  it('count_tokens', async () => {
    const res = await anthropic().messages.countTokens({ model: 'claude-sonnet-4-5', messages: userMsg });
    expect(res).toEqual({ input_tokens: 11 });
  });

  it.each([
    [400, Anthropic.BadRequestError, 'invalid_request_error'],
    [401, Anthropic.AuthenticationError, 'authentication_error'],
    [403, Anthropic.PermissionDeniedError, 'permission_error'],
    [429, Anthropic.RateLimitError, 'rate_limit_error'],
    [500, Anthropic.InternalServerError, 'api_error'],
  ])('fail-%i maps to the SDK error class', async (status, cls, type) => {
    const err = await rejectionOf(
      anthropic(`sk-ant-fail-${status}`).messages.create({ model: 'c', max_tokens: 5, messages: userMsg }),
    );
    expect(err).toBeInstanceOf(cls);
    const apiErr = err as InstanceType<typeof Anthropic.APIError>;
    expect(apiErr.status).toBe(status);
    expect(apiErr.error).toMatchObject({ type: 'error', error: { type, message: expect.any(String) } });
  });

  it('break-stream makes finalMessage reject', async () => {
    const stream = anthropic('sk-ant-break-stream').messages.stream({
      model: 'c',
      max_tokens: 5,
      messages: userMsg,
    });
    const texts: string[] = [];
    stream.on('text', (t) => texts.push(t));
    await expect(stream.finalMessage()).rejects.toBeInstanceOf(Error);
    expect(texts).toEqual(['Hello', ' from']);
  });

  it('validates like the real API', async () => {
    const noVersion = await fetch(`${up.url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'c', max_tokens: 5, messages: userMsg }),
    });
    expect(noVersion.status).toBe(400);
    expect(await noVersion.json()).toMatchObject({ type: 'error', error: { type: 'invalid_request_error' } });
    const noMax = await rejectionOf(
      anthropic().messages.create({
        model: 'c',
        messages: userMsg,
      } as unknown as Anthropic.MessageCreateParamsNonStreaming),
    );
    expect(noMax).toBeInstanceOf(Anthropic.BadRequestError);
  });
});

describe('fake upstream: plumbing', () => {
  it('serves routes with and without /v1 and records requests', async () => {
    for (const path of ['/chat/completions', '/v1/chat/completions']) {
      const res = await fetch(`${up.url}${path}?x=1`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk-a', 'Content-Type': 'application/json', 'X-Custom': 'v' },
        body: JSON.stringify({ model: 'm', messages: userMsg }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toMatch(/^req_/);
    }
    const res = await fetch(`${up.url}/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      body: JSON.stringify({ model: 'c', max_tokens: 5, messages: userMsg }),
    });
    expect(res.status).toBe(200);
    expect(up.requests.map((r) => r.path)).toEqual([
      '/chat/completions?x=1',
      '/v1/chat/completions?x=1',
      '/messages',
    ]);
    const rec = up.requests[0];
    expect(rec?.method).toBe('POST');
    expect(rec?.headers.authorization).toBe('Bearer sk-a');
    expect(rec?.headers['x-custom']).toBe('v');
    expect(rec?.body).toEqual({ model: 'm', messages: userMsg });
    expect(rec?.rawBody).toBe(JSON.stringify({ model: 'm', messages: userMsg }));
    up.reset();
    expect(up.requests).toHaveLength(0);
  });

  it('either key header selects switches on either format', async () => {
    const res = await fetch(`${up.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-api-key': 'fail-429' },
      body: JSON.stringify({ model: 'm', messages: userMsg }),
    });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ error: { type: 'requests', code: 'rate_limit_exceeded' } });
  });

  it('honours x-fake-latency-ms and record: false', async () => {
    const quiet = await startFakeUpstream({ record: false, latencyMs: 0 });
    try {
      const t0 = Date.now();
      const res = await fetch(`${quiet.url}/v1/models`, { headers: { 'x-fake-latency-ms': '120' } });
      expect(res.status).toBe(200);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
      expect(quiet.requests).toHaveLength(0);
    } finally {
      await quiet.close();
    }
  });
});
