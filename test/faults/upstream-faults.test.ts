import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageEvents } from '../gateway/gateway-fixtures.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { type FaultUpstream, hugeBodyBytes, splitText, startFaultUpstream } from './fault-upstream.js';

/** Issue 13: each upstream fault with its expected answer, and a gateway that keeps serving. */
describe('upstream faults', () => {
  let upstream: FaultUpstream;
  let harness: Harness;

  beforeAll(async () => {
    upstream = await startFaultUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    // One second per attempt, so stalls end quickly.
    const patched = await harness.admin('PATCH', '/gateway-config', { perRequestTimeout: '1s' });
    expect(patched.status).toBe(200);
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  /** An access key whose OpenAI requests go through these provider keys, in order. */
  const keyThrough = async (...values: string[]) => {
    const ids = await createProviderKeys(harness, 'openai', values);
    const configurationId = await createConfiguration(harness, {
      router: { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: ids.map((id) => ({ id })) }] }] },
    });
    return (await createAccessKey(harness, configurationId)).token;
  };
  const send = async (token: string, body: Record<string, unknown>, path = '/v1/chat/completions') => {
    const started = performance.now();
    const response = await fetch(`${harness.gatewayUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      text,
      requestId: response.headers.get('tollgate-request-id') ?? '',
      attempts: response.headers.get('tollgate-attempts'),
      ms: performance.now() - started,
    };
  };
  const chatBody = (stream = false) => ({
    model: 'gpt-4o',
    messages: [{ role: 'user', content: 'hi' }],
    ...(stream ? { stream: true } : {}),
  });
  const errorOf = (text: string) => (JSON.parse(text) as { error: { code: string; message: string } }).error;

  it('answers a connection reset with 502 upstream_unreachable', async () => {
    const answer = await send(await keyThrough('sk-reset-0000'), chatBody());
    expect(answer.status).toBe(502);
    expect(errorOf(answer.text).code).toBe('upstream_unreachable');
    expect(answer.requestId).toMatch(/^rq_/);
  });

  it('fails over a reset to the next key, and reports every attempt when all reset', async () => {
    const answer = await send(await keyThrough('sk-reset-1111', 'sk-reset-2222'), chatBody());
    expect(answer.status).toBe(502);
    expect(answer.attempts).toBe('2');
    expect(errorOf(answer.text).code).toBe('all_providers_failed');
    expect((await usageEvents(harness, answer.requestId)).map((event) => event.status_code)).toEqual([0, 0]);
  });

  it('answers an upstream that never answers with 504 request_timeout after perRequestTimeout', async () => {
    const answer = await send(await keyThrough('sk-stall-headers-0000'), chatBody());
    expect(answer.status).toBe(504);
    expect(errorOf(answer.text).code).toBe('request_timeout');
    expect(answer.ms).toBeGreaterThan(900);
    expect(answer.ms).toBeLessThan(5_000);
  });

  it('answers a JSON body that stalls halfway with 504', async () => {
    const answer = await send(await keyThrough('sk-stall-body-0000'), chatBody());
    expect(answer.status).toBe(504);
    expect(errorOf(answer.text).code).toBe('request_timeout');
  });

  it('ends a stream that stalls with an error event, and records it as estimated', async () => {
    const answer = await send(await keyThrough('sk-stall-body-1111'), chatBody(true));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('"Hel"');
    expect(answer.text).toMatch(/"error"/);
    const [event] = await usageEvents(harness, answer.requestId);
    expect(event?.usage_estimated).toBe(1);
  });

  it('relays characters cut between chunks whole, without the byte order mark that opened the stream', async () => {
    const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await keyThrough('sk-split-utf8-0000')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(chatBody(true)),
    });
    expect(response.status).toBe(200);
    // The bytes themselves: `text()` would drop a byte order mark of its own accord.
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 6).toString('latin1')).toBe('data: ');
    const text = bytes.toString('utf8');
    expect(text).not.toContain('\ufffd');
    expect(text).toContain(JSON.stringify(splitText).slice(1, -1));
  });

  it('passes a garbage event stream through without failing, and estimates its usage', async () => {
    const answer = await send(await keyThrough('sk-garbage-sse-0000'), chatBody(true));
    expect(answer.status).toBe(200);
    expect(answer.text).toContain('data: {not json');
    const [event] = await usageEvents(harness, answer.requestId);
    expect(event?.usage_estimated).toBe(1);
  });

  it('translates a garbage event stream for the Anthropic SDK without failing', async () => {
    const token = await keyThrough('sk-garbage-sse-1111');
    const answer = await send(
      token,
      { model: 'gpt-4o', max_tokens: 10, stream: true, messages: [{ role: 'user', content: 'hi' }] },
      '/v1/messages',
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toMatch(/event: (message_stop|error)/);
  });

  it.each([301, 302, 303, 307, 308])(
    'treats a %i redirect as an upstream failure: 502, never followed, never a success',
    async (status) => {
      for (const stream of [false, true]) {
        const answer = await send(await keyThrough(`sk-redirect-${status}-0000`), chatBody(stream));
        expect(answer.status).toBe(502);
        const error = errorOf(answer.text);
        expect(error.code).toBe('all_providers_failed');
        expect(error.message).toMatch(new RegExp(`redirected \\(${status}`));
        const [event] = await usageEvents(harness, answer.requestId);
        expect(event).toMatchObject({ status_code: status, completion: 'failed', served: 0 });
      }
      expect(upstream.redirectFollowed).toBe(0);
    },
  );

  it('fails over a redirect to the next key', async () => {
    const answer = await send(await keyThrough('sk-redirect-307-1111', 'sk-ok-0000'), chatBody());
    expect(answer.status).toBe(200);
    expect(answer.attempts).toBe('2');
  });

  it('relays a 50 MB answer whole, and keeps serving', async () => {
    // A non-streaming answer must arrive whole within perRequestTimeout: give it the default.
    await harness.admin('PATCH', '/gateway-config', { perRequestTimeout: '60s' });
    try {
      const answer = await send(await keyThrough('sk-huge-body-0000'), chatBody());
      expect(answer.status).toBe(200);
      expect(answer.text.length).toBeGreaterThan(hugeBodyBytes);
      expect((await fetch(`${harness.gatewayUrl}/healthz`)).status).toBe(200);
      expect((await send(await keyThrough('sk-ok-1111'), chatBody())).status).toBe(200);
    } finally {
      await harness.admin('PATCH', '/gateway-config', { perRequestTimeout: '1s' });
    }
  });
});
