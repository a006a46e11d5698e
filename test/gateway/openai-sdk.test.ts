import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_INPUT_TOKENS,
  type FakeUpstream,
  OUTPUT_TOKENS,
  replyText,
  startFakeUpstream,
} from '../fake-upstream/server.js';
import { dialects } from '../helpers/databases.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

const providerKeyValue = 'sk-test-provider-key-0123456789';

interface UsageRow {
  request_id: string;
  input_tokens: number;
  output_tokens: number;
  is_streaming: number;
  usage_estimated: number;
  provider: string;
  model: string;
}

describe.each(dialects)('gateway with the official OpenAI SDK (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let accessToken: string;
  let accessKeyId: string;
  let client: OpenAI;

  const usageRows = async (requestId: string) => {
    await harness.tollgate.services.recorder.settled();
    return (await harness.tollgate.services.store.db
      .selectFrom('usage_events')
      .selectAll()
      .where('request_id', '=', requestId)
      .execute()) as UsageRow[];
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ dialect, upstreamUrl: upstream.url });
    const providerKey = await harness.admin<{ keyRedacted: string }>('POST', '/provider-keys', {
      providerId: 'openai',
      name: 'main',
      value: providerKeyValue,
    });
    expect(providerKey.status).toBe(201);
    const accessKey = await harness.admin<{ token: string; id: string }>('POST', '/access-keys', {
      name: 'app',
    });
    expect(accessKey.status).toBe(201);
    accessToken = accessKey.body.token;
    accessKeyId = accessKey.body.id;
    client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: accessToken, maxRetries: 0 });
  });

  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('answers a chat completion and records its usage from the provider counts', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe(replyText('gpt-4o-mini'));
    const requestId = response.headers.get('tollgate-request-id') ?? '';
    expect(requestId).toMatch(/^rq_/);
    expect(response.headers.get('tollgate-model')).toBe('openai:gpt-4o-mini');
    expect(response.headers.get('tollgate-attempts')).toBe('1');
    const [row] = await usageRows(requestId);
    expect(row).toMatchObject({
      input_tokens: BASE_INPUT_TOKENS + 1,
      output_tokens: OUTPUT_TOKENS,
      is_streaming: 0,
    });
  });

  it('sends the provider key upstream and never the access key', async () => {
    upstream.reset();
    await client.chat.completions.create({
      model: 'openai:gpt-4o',
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const received = upstream.requests.at(-1);
    expect(received?.headers.authorization).toBe(`Bearer ${providerKeyValue}`);
    expect(JSON.stringify(received?.headers)).not.toContain(accessToken);
    expect(received?.rawBody).not.toContain(accessToken);
    expect((received?.body as { model?: string } | undefined)?.model).toBe('gpt-4o');
  });

  it('streams a chat completion chunk by chunk and meters it without showing the usage chunk it did not ask for', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], stream: true })
      .withResponse();
    let text = '';
    let sawUsage = false;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) sawUsage = true;
    }
    expect(text).toBe(replyText('gpt-4o-mini'));
    expect(sawUsage).toBe(false);
    const sent = upstream.requests.at(-1)?.body as { stream_options?: { include_usage?: boolean } };
    expect(sent.stream_options?.include_usage).toBe(true);
    const [row] = await usageRows(response.headers.get('tollgate-request-id') ?? '');
    expect(row).toMatchObject({
      input_tokens: BASE_INPUT_TOKENS + 1,
      output_tokens: OUTPUT_TOKENS,
      is_streaming: 1,
      usage_estimated: 0,
    });
  });

  it('passes the usage chunk through when the client asked for it', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) usage = chunk.usage ?? usage;
    expect(usage).toMatchObject({ prompt_tokens: BASE_INPUT_TOKENS + 1, completion_tokens: OUTPUT_TOKENS });
  });

  it('creates embeddings', async () => {
    const result = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    expect(result.data[0]?.embedding.length).toBeGreaterThan(0);
  });

  it('lists the models of providers the key has credentials for', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((model) => model.id)).toContain('openai:gpt-4o');
    expect(models.every((model) => model.owned_by === 'openai')).toBe(true);
  });

  it('refuses a missing, malformed or unknown access key with 401 before any upstream call', async () => {
    upstream.reset();
    for (const apiKey of [
      '',
      'not-a-key',
      'tg-unknownkey000001-g1-0123456789012345678901234567890123456789012345',
    ]) {
      const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
        },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('tollgate-request-id')).toMatch(/^rq_/);
      const body = (await response.json()) as { error: { code: string } };
      expect(body.error.code).toBe(apiKey ? 'invalid_access_key' : 'missing_access_key');
    }
    expect(upstream.requests).toHaveLength(0);
  });

  it('refuses a management API key at the gateway and says which key belongs where', async () => {
    const apiKeyClient = new OpenAI({
      baseURL: `${harness.gatewayUrl}/v1`,
      apiKey: harness.adminToken,
      maxRetries: 0,
    });
    const error = await apiKeyClient.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('wrong_key_kind');
    expect((error as Error).message).toContain('access key');
  });

  it('refuses an access key at the admin API', async () => {
    const response = await harness.admin<{ errorCode: string }>(
      'GET',
      '/access-keys',
      undefined,
      accessToken,
    );
    expect(response.status).toBe(401);
    expect(response.body.errorCode).toBe('wrong_key_kind');
  });

  it('answers a body without a model with invalid_request_body', async () => {
    const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ messages: [] }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_request_body');
  });

  it('never returns the provider key from the admin API', async () => {
    const list = await harness.admin<{ aiGatewayProviderKeys: Array<{ keyRedacted: string }> }>(
      'GET',
      '/provider-keys',
    );
    expect(JSON.stringify(list.body)).not.toContain(providerKeyValue);
    expect(list.body.aiGatewayProviderKeys[0]?.keyRedacted).toBe('sk-test-pr***6789');
  });

  it('records when a provider key was last used, and counts attempts and tokens in /metrics', async () => {
    await harness.tollgate.services.providerKeyLastUsed.flush();
    const list = await harness.admin<{ aiGatewayProviderKeys: Array<{ lastUsed: string | null }> }>(
      'GET',
      '/provider-keys',
    );
    expect(list.body.aiGatewayProviderKeys[0]?.lastUsed).not.toBeNull();
    const metrics = await (await fetch(`${harness.adminUrl}/metrics`)).text();
    expect(metrics).toMatch(
      /tollgate_upstream_attempts_total\{provider="openai",model="[^"]+",outcome="succeeded"\} [1-9]/,
    );
    expect(metrics).toMatch(
      /tollgate_tokens_total\{provider="openai",model="[^"]+",direction="output"\} [1-9]/,
    );
  });

  it('refuses a deleted access key on the very next request', async () => {
    await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });
    const deleted = await harness.admin('DELETE', `/access-keys/${accessKeyId}`);
    expect(deleted.status).toBe(204);
    const error = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
  });

  it('never writes a secret to the logs', () => {
    const logs = harness.logs.join('\n');
    expect(logs).not.toContain(providerKeyValue);
    expect(logs).not.toContain(accessToken.split('-g1-')[1]);
    expect(logs).not.toContain(harness.adminToken.split('-g1-')[1]);
  });
});
