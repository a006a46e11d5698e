import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_INPUT_TOKENS,
  CACHED_TOKENS,
  CACHED_USER,
  type FakeUpstream,
  OUTPUT_TOKENS,
  REASONING_TOKENS,
  startFakeUpstream,
} from '../fake-upstream/server.js';
import { dialects } from '../helpers/databases.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { clientsRoutedThrough, eventualUsageEvents, usageEvents } from './gateway-fixtures.js';

type Path = '/v1/chat/completions' | '/v1/completions' | '/v1/embeddings' | '/v1/responses' | '/v1/messages';
type Switch = 'none' | 'usage-in-last-choice' | 'break-stream' | 'slow-stream';

interface UsageCase {
  name: string;
  path: Path;
  body: Record<string, unknown>;
  switch?: Switch;
  expected: { input: number; output: number; cacheRead?: number; reasoning?: number };
}

/** The fake counts `10 + number of input items`; every body below has exactly one. */
const oneItemInput = BASE_INPUT_TOKENS + 1;
const hi = [{ role: 'user', content: 'Hi' }];
const claude = 'claude-haiku-4-5';
const openaiCached = { cacheRead: CACHED_TOKENS, reasoning: REASONING_TOKENS };
/** Anthropic reports cache reads beside `input_tokens`; the event's input counts both. */
const anthropicCached = { input: oneItemInput + CACHED_TOKENS, cacheRead: CACHED_TOKENS };

const chat = (extra: Record<string, unknown> = {}) => ({ model: 'gpt-4o-mini', messages: hi, ...extra });
const messages = (model: string, extra: Record<string, unknown> = {}) => ({
  model,
  max_tokens: 64,
  messages: hi,
  ...extra,
});
const stream = { stream: true };
const withUsage = { stream: true, stream_options: { include_usage: true } };
const both = { input: oneItemInput, output: OUTPUT_TOKENS };

const cases: UsageCase[] = [
  { name: 'openai chat JSON', path: '/v1/chat/completions', body: chat(), expected: both },
  {
    name: 'openai chat stream, usage not asked',
    path: '/v1/chat/completions',
    body: chat(stream),
    expected: both,
  },
  {
    name: 'openai chat stream, usage asked',
    path: '/v1/chat/completions',
    body: chat(withUsage),
    expected: both,
  },
  {
    name: 'openai chat stream, usage in the last choice chunk',
    path: '/v1/chat/completions',
    body: chat(stream),
    switch: 'usage-in-last-choice',
    expected: both,
  },
  {
    name: 'openai chat stream, usage in the last choice chunk, usage asked',
    path: '/v1/chat/completions',
    body: chat(withUsage),
    switch: 'usage-in-last-choice',
    expected: both,
  },
  {
    name: 'openai chat JSON, cached and reasoning tokens',
    path: '/v1/chat/completions',
    body: chat({ user: CACHED_USER }),
    expected: { ...both, ...openaiCached },
  },
  {
    name: 'openai chat stream, cached and reasoning tokens',
    path: '/v1/chat/completions',
    body: chat({ ...stream, user: CACHED_USER }),
    expected: { ...both, ...openaiCached },
  },
  { name: 'anthropic messages JSON', path: '/v1/messages', body: messages(claude), expected: both },
  { name: 'anthropic messages stream', path: '/v1/messages', body: messages(claude, stream), expected: both },
  {
    name: 'anthropic messages JSON, cached tokens',
    path: '/v1/messages',
    body: messages(claude, { metadata: { user_id: CACHED_USER } }),
    expected: { ...both, ...anthropicCached },
  },
  {
    name: 'anthropic messages stream, cached tokens',
    path: '/v1/messages',
    body: messages(claude, { ...stream, metadata: { user_id: CACHED_USER } }),
    expected: { ...both, ...anthropicCached },
  },
  {
    name: 'chat → anthropic JSON',
    path: '/v1/chat/completions',
    body: chat({ model: claude }),
    expected: both,
  },
  {
    name: 'chat → anthropic stream',
    path: '/v1/chat/completions',
    body: chat({ ...stream, model: claude }),
    expected: both,
  },
  {
    name: 'chat → anthropic stream, usage asked',
    path: '/v1/chat/completions',
    body: chat({ ...withUsage, model: claude }),
    expected: both,
  },
  {
    name: 'chat → anthropic JSON, cached tokens',
    path: '/v1/chat/completions',
    body: chat({ model: claude, user: CACHED_USER }),
    expected: { ...both, ...anthropicCached },
  },
  {
    name: 'chat → anthropic stream, cached tokens',
    path: '/v1/chat/completions',
    body: chat({ ...stream, model: claude, user: CACHED_USER }),
    expected: { ...both, ...anthropicCached },
  },
  { name: 'messages → openai JSON', path: '/v1/messages', body: messages('gpt-4o-mini'), expected: both },
  {
    name: 'messages → openai stream',
    path: '/v1/messages',
    body: messages('gpt-4o-mini', stream),
    expected: both,
  },
  {
    name: 'messages → openai stream, usage in the last choice chunk',
    path: '/v1/messages',
    body: messages('gpt-4o-mini', stream),
    switch: 'usage-in-last-choice',
    expected: both,
  },
  {
    name: 'messages → openai JSON, cached and reasoning tokens',
    path: '/v1/messages',
    body: messages('gpt-4o-mini', { metadata: { user_id: CACHED_USER } }),
    expected: { ...both, ...openaiCached },
  },
  {
    name: 'messages → openai stream, cached and reasoning tokens',
    path: '/v1/messages',
    body: messages('gpt-4o-mini', { ...stream, metadata: { user_id: CACHED_USER } }),
    expected: { ...both, ...openaiCached },
  },
  { name: 'responses JSON', path: '/v1/responses', body: { model: 'gpt-4o', input: 'Hi' }, expected: both },
  {
    name: 'responses stream',
    path: '/v1/responses',
    body: { model: 'gpt-4o', input: 'Hi', stream: true },
    expected: both,
  },
  {
    name: 'responses JSON, cached and reasoning tokens',
    path: '/v1/responses',
    body: { model: 'gpt-4o', input: 'Hi', user: CACHED_USER },
    expected: { ...both, ...openaiCached },
  },
  {
    name: 'completions JSON',
    path: '/v1/completions',
    body: { model: 'openai:gpt-3.5-turbo-instruct', prompt: 'Hi' },
    expected: both,
  },
  {
    name: 'completions stream',
    path: '/v1/completions',
    body: { model: 'openai:gpt-3.5-turbo-instruct', prompt: 'Hi', stream: true },
    expected: both,
  },
  {
    name: 'completions stream, usage in the last choice chunk',
    path: '/v1/completions',
    body: { model: 'openai:gpt-3.5-turbo-instruct', prompt: 'Hi', stream: true },
    switch: 'usage-in-last-choice',
    expected: both,
  },
  {
    name: 'embeddings',
    path: '/v1/embeddings',
    body: { model: 'text-embedding-3-small', input: 'Hi' },
    expected: { input: oneItemInput, output: 0 },
  },
];

/** Streams that end early, one per stream path; the fake switch decides how. */
const earlyEnds: Array<{ name: string; path: Path; body: Record<string, unknown> }> = [
  { name: 'openai chat', path: '/v1/chat/completions', body: chat(stream) },
  { name: 'anthropic messages', path: '/v1/messages', body: messages(claude, stream) },
  { name: 'chat → anthropic', path: '/v1/chat/completions', body: chat({ ...stream, model: claude }) },
  { name: 'messages → openai', path: '/v1/messages', body: messages('gpt-4o-mini', stream) },
  { name: 'responses', path: '/v1/responses', body: { model: 'gpt-4o', input: 'Hi', stream: true } },
  {
    name: 'completions',
    path: '/v1/completions',
    body: { model: 'openai:gpt-3.5-turbo-instruct', prompt: 'Hi', stream: true },
  },
];

describe.each(dialects)('usage capture on every path (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;
  const tokens = new Map<Switch, string>();

  const post = (token: string, path: Path, body: Record<string, unknown>, signal?: AbortSignal) =>
    fetch(`${harness.gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'anthropic-version': '2023-06-01',
      },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  const tokenFor = (name: Switch) => {
    const token = tokens.get(name);
    if (!token) throw new Error(`no access key for ${name}`);
    return token;
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ dialect, upstreamUrl: upstream.url });
    // The plain keys first: an access key without a configuration uses them in creation order.
    await createProviderKeys(harness, 'openai', ['sk-usage-plain-0001']);
    await createProviderKeys(harness, 'anthropic', ['sk-ant-usage-plain-0002']);
    const plain = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'plain' });
    tokens.set('none', plain.body.token);
    for (const name of ['usage-in-last-choice', 'break-stream', 'slow-stream'] as const) {
      const routed = await clientsRoutedThrough(harness, {
        openai: `sk-${name}-0003`,
        anthropic: `sk-ant-${name}-0004`,
      });
      tokens.set(name, routed.token);
    }
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it.each(cases)('$name: the usage event equals the provider counts', async (usageCase) => {
    const response = await post(tokenFor(usageCase.switch ?? 'none'), usageCase.path, usageCase.body);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const events = await usageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      input_tokens: usageCase.expected.input,
      output_tokens: usageCase.expected.output,
      cache_read_tokens: usageCase.expected.cacheRead ?? 0,
      cache_write_tokens: 0,
      reasoning_tokens: usageCase.expected.reasoning ?? 0,
      usage_estimated: 0,
      is_streaming: usageCase.body.stream === true ? 1 : 0,
      completion: 'succeeded',
      served: 1,
    });
  });

  it.each(earlyEnds)(
    '$name: a stream the upstream breaks is metered, estimated and non-zero',
    async (early) => {
      const response = await post(tokenFor('break-stream'), early.path, early.body);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('ended unexpectedly');
      const events = await eventualUsageEvents(harness, response.headers.get('tollgate-request-id') ?? '');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ usage_estimated: 1, completion: 'stream_failed', is_streaming: 1 });
      expect(events[0]?.input_tokens).toBeGreaterThan(0);
      expect(events[0]?.output_tokens).toBeGreaterThan(0);
    },
  );

  it('a client that leaves before the answer stops the upstream request, which is metered as 499', async () => {
    // `timeout`: the fake provider never answers. The attempt's own timeout is 60 s, so an event
    // within seconds shows that the client leaving aborted the upstream request.
    const [providerKeyId] = await createProviderKeys(harness, 'openai', ['sk-timeout-0005']);
    const configurationId = await createConfiguration(harness, {
      router: { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id: providerKeyId }] }] }] },
    });
    const { token } = await createAccessKey(harness, configurationId);
    const controller = new AbortController();
    const sent = post(token, '/v1/chat/completions', chat({ model: 'gpt-4o-mini' }), controller.signal);
    const reachedProvider = () =>
      upstream.requests.some((request) => String(request.headers.authorization).includes('sk-timeout-0005'));
    // The client leaves once the provider has the request, however slow the machine.
    for (let waited = 0; waited < 10_000 && !reachedProvider(); waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(reachedProvider()).toBe(true);
    controller.abort();
    await expect(sent).rejects.toThrow();
    const eventOf = () =>
      harness.tollgate.services.store.db
        .selectFrom('usage_events')
        .selectAll()
        .where('provider_key_id', '=', providerKeyId ?? '')
        .execute();
    let events = await eventOf();
    for (let waited = 0; waited < 5_000 && events.length === 0; waited += 25) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await harness.tollgate.services.recorder.settled();
      events = await eventOf();
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      status_code: 499,
      stop_reason: 'client_disconnected',
      served: 0,
      usage_estimated: 1,
    });
  });

  it.each(earlyEnds)(
    '$name: a stream the client abandons is metered, estimated and non-zero',
    async (early) => {
      const controller = new AbortController();
      const response = await post(tokenFor('slow-stream'), early.path, early.body, controller.signal);
      expect(response.status).toBe(200);
      const requestId = response.headers.get('tollgate-request-id') ?? '';
      const reader = response.body?.getReader();
      if (!reader) throw new Error('no response body');
      const decoder = new TextDecoder();
      let received = '';
      // Leave after the first generated text, while the provider is still writing.
      while (!received.includes('Hello')) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before any text: ${received}`);
        received += decoder.decode(value, { stream: true });
      }
      controller.abort();
      await reader.cancel().catch(() => {});
      const events = await eventualUsageEvents(harness, requestId);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ usage_estimated: 1, completion: 'stream_failed', is_streaming: 1 });
      expect(events[0]?.input_tokens).toBeGreaterThan(0);
      expect(events[0]?.output_tokens).toBeGreaterThan(0);
    },
  );
});
