import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { dialects, postgresEnabled } from '../helpers/databases.js';
import {
  createAccessKey,
  createConfiguration,
  createProviderKeys,
  rawChat,
} from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { startTwoInstances, type TwoInstances } from '../helpers/two-instances.js';
import { within } from '../helpers/within.js';

const claude = 'claude-sonnet-5';
const hi = [{ role: 'user' as const, content: 'Hi' }];

interface VirtualModelBody {
  id: string;
  name: string;
  targets: Array<{ model: string }>;
  errorCode?: string;
}

async function createVirtualModel(harness: Harness, name: string, targets: string[]) {
  const created = await harness.admin<VirtualModelBody>('POST', '/virtual-models', {
    name,
    targets: targets.map((model) => ({ model })),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

async function usageOf(harness: Harness, requestId: string) {
  const read = await harness.admin<{ attempts: Array<{ event: Record<string, unknown> }> }>(
    'GET',
    `/usage/requests/${requestId}`,
  );
  return read.body.attempts.map((attempt) => attempt.event);
}

describe.each(dialects)('virtual models (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let failingOpenAiKey: string;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url, dialect });
    await createProviderKeys(harness, 'openai', ['sk-openai-good-0123456789']);
    [failingOpenAiKey = ''] = await createProviderKeys(harness, 'openai', ['sk-test-fail-500-0123456789']);
    await createProviderKeys(harness, 'anthropic', ['sk-ant-good-0123456789']);
  });

  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('serves a virtual model named as `model` with the OpenAI and Anthropic SDKs, and records it', async () => {
    await createVirtualModel(harness, 'Chat-Default', ['openai:gpt-4o-mini', claude]);
    const { client, token } = await createAccessKey(harness);
    const { data, response } = await client.chat.completions
      .create({ model: 'chat-default', messages: hi })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('Hello from gpt-4o-mini!');
    expect(response.headers.get('tollgate-model')).toBe('openai:gpt-4o-mini');
    const events = await usageOf(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(events).toMatchObject([{ model: 'gpt-4o-mini', virtualModel: 'Chat-Default' }]);

    const anthropic = new Anthropic({ baseURL: harness.gatewayUrl, apiKey: token, maxRetries: 0 });
    const message = await anthropic.messages
      .create({ model: 'chat-default', max_tokens: 32, messages: hi })
      .withResponse();
    expect(message.response.headers.get('tollgate-model')).toBe('openai:gpt-4o-mini');
    expect(message.data.content[0]).toMatchObject({ type: 'text', text: 'Hello from gpt-4o-mini!' });

    const responses = await client.responses.create({ model: 'chat-default', input: 'Hi' }).withResponse();
    expect(responses.response.headers.get('tollgate-model')).toBe('openai:gpt-4o-mini');
    expect(responses.data.output_text).toBe('Hello from gpt-4o-mini!');
  });

  it('fails over through its targets in order, then through a `models` fallback after them', async () => {
    await createVirtualModel(harness, 'failover-chain', ['openai:gpt-4o', `anthropic:${claude}`]);
    const configurationId = await createConfiguration(harness, {
      router: {
        rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id: failingOpenAiKey }] }] }],
      },
    });
    const { client } = await createAccessKey(harness, configurationId);
    const { data, response } = await client.chat.completions
      .create({ model: 'failover-chain', messages: hi })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe(`Hello from ${claude}!`);
    expect(response.headers.get('tollgate-attempts')).toBe('2');
    expect(response.headers.get('tollgate-model')).toBe(`anthropic:${claude}`);
    const events = await usageOf(harness, response.headers.get('tollgate-request-id') ?? '');
    expect(events.map((event) => [event.provider, event.statusCode, event.virtualModel])).toEqual([
      ['openai', 500, 'failover-chain'],
      ['anthropic', 200, 'failover-chain'],
    ]);

    await createVirtualModel(harness, 'openai-only', ['openai:gpt-4o-mini']);
    const fallback = await rawChat(harness, (await createAccessKey(harness, configurationId)).token, {
      model: 'openai-only',
      models: [`anthropic:${claude}`],
    });
    expect(fallback.status, fallback.text).toBe(200);
    expect(fallback.headers.get('tollgate-attempts')).toBe('2');
    expect(fallback.headers.get('tollgate-model')).toBe(`anthropic:${claude}`);
    const fallbackEvents = await usageOf(harness, fallback.headers.get('tollgate-request-id') ?? '');
    expect(fallbackEvents.map((event) => event.virtualModel ?? null)).toEqual(['openai-only', null]);
  });

  it('skips a target the key may not use and lists it in Tollgate-Rejected-Models', async () => {
    await createVirtualModel(harness, 'scoped', ['openai:gpt-4o-mini', `anthropic:${claude}`]);
    const configurationId = await createConfiguration(harness, {
      access: { models: { allow: [`anthropic:${claude}`] } },
    });
    const { token } = await createAccessKey(harness, configurationId);
    const served = await rawChat(harness, token, { model: 'scoped' });
    expect(served.status, served.text).toBe(200);
    expect(served.headers.get('tollgate-model')).toBe(`anthropic:${claude}`);
    expect(served.headers.get('tollgate-rejected-models')).toBe('openai:gpt-4o-mini');

    await createVirtualModel(harness, 'openai-mini', ['openai:gpt-4o-mini']);
    const refused = await rawChat(harness, token, { model: 'openai-mini' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'no_usable_target', param: 'model' });
    expect(refused.headers.get('tollgate-rejected-models')).toBe('openai:gpt-4o-mini');
  });

  it('refuses a virtual model in an allow-list, and a name that is a catalog model or taken', async () => {
    await createVirtualModel(harness, 'allow-me', ['openai:gpt-4o-mini']);
    const allowList = await harness.admin<{ errorCode: string; msg: string }>(
      'POST',
      '/access-key-configurations',
      { name: 'bad', access: { models: { allow: ['ALLOW-ME'] } } },
    );
    expect(allowList.status).toBe(400);
    expect(allowList.body.errorCode).toBe('virtual_model_in_allow_list');
    expect(allowList.body.msg).toContain('openai:gpt-4o-mini');

    for (const name of ['gpt-4o', 'Allow-Me']) {
      const taken = await harness.admin<VirtualModelBody>('POST', '/virtual-models', {
        name,
        targets: [{ model: 'openai:gpt-4o' }],
      });
      expect(taken.status, name).toBe(409);
      expect(taken.body.errorCode).toBe('virtual_model_name_taken');
    }
    const badTargets = await harness.admin<{ errorCode: string; details: Record<string, string> }>(
      'POST',
      '/virtual-models',
      { name: 'bad-targets', targets: [{ model: 'nobody:x' }, { model: 'not-a-catalog-model' }] },
    );
    expect(badTargets.status).toBe(400);
    expect(Object.keys(badTargets.body.details)).toEqual(['targets.0.model', 'targets.1.model']);
    const badName = await harness.admin('POST', '/virtual-models', {
      name: 'has:colon',
      targets: [{ model: 'gpt-4o' }],
    });
    expect(badName.status).toBe(400);
  });

  it('lists on /v1/models the virtual models whose targets the key may use', async () => {
    await createVirtualModel(harness, 'listed-anthropic', [`anthropic:${claude}`]);
    await createVirtualModel(harness, 'hidden-openai', ['openai:gpt-4o']);
    const configurationId = await createConfiguration(harness, {
      access: { providers: { allow: ['anthropic'] } },
    });
    const { client } = await createAccessKey(harness, configurationId);
    const ids = (await client.models.list()).data.map((model) => model.id);
    expect(ids).toContain('listed-anthropic');
    expect(ids).not.toContain('hidden-openai');
    expect(await client.models.retrieve('listed-anthropic')).toMatchObject({
      id: 'listed-anthropic',
      owned_by: 'virtual',
    });
  });

  it('applies an edit on the next request', async () => {
    const created = await createVirtualModel(harness, 'repointed', ['openai:gpt-4o-mini']);
    const { client } = await createAccessKey(harness);
    const before = await client.chat.completions.create({ model: 'repointed', messages: hi });
    expect(before.choices[0]?.message.content).toBe('Hello from gpt-4o-mini!');
    const patched = await harness.admin<VirtualModelBody>('PATCH', `/virtual-models/${created.id}`, {
      targets: [{ model: `anthropic:${claude}` }],
    });
    expect(patched.body.targets).toEqual([{ model: `anthropic:${claude}` }]);
    const after = await client.chat.completions.create({ model: 'repointed', messages: hi });
    expect(after.choices[0]?.message.content).toBe(`Hello from ${claude}!`);

    expect((await harness.admin('DELETE', `/virtual-models/${created.id}`)).status).toBe(204);
    const gone = await rawChat(harness, (await createAccessKey(harness)).token, { model: 'repointed' });
    expect(gone.status).toBe(422);
    expect(gone.body.error).toMatchObject({ code: 'unknown_model' });
  });
});

// Two instances share a Postgres database (its LISTEN/NOTIFY carries the edit).
describe.skipIf(!postgresEnabled)('a virtual model re-pointed on one instance', () => {
  let instances: TwoInstances;
  let first: Harness;
  let second: Harness;

  beforeAll(async () => {
    instances = await startTwoInstances();
    ({ first, second } = instances);
    await createProviderKeys(first, 'openai', ['sk-shared-good-0123456789']);
    await createProviderKeys(first, 'anthropic', ['sk-ant-shared-0123456789']);
  });

  afterAll(async () => {
    await instances?.close();
  });

  it('serves the new target at the other instance within a second', async () => {
    const created = await createVirtualModel(first, 'shared-chat', ['openai:gpt-4o-mini']);
    const { token } = await createAccessKey(first);
    const client = new OpenAI({ baseURL: `${second.gatewayUrl}/v1`, apiKey: token, maxRetries: 0 });
    // The second instance now holds the account's virtual models in memory.
    const before = await client.chat.completions.create({ model: 'shared-chat', messages: hi });
    expect(before.choices[0]?.message.content).toBe('Hello from gpt-4o-mini!');
    await first.admin('PATCH', `/virtual-models/${created.id}`, {
      targets: [{ model: `anthropic:${claude}` }],
    });
    const elapsed = await within(1_000, async () => {
      const answer = await client.chat.completions.create({ model: 'shared-chat', messages: hi });
      return answer.choices[0]?.message.content === `Hello from ${claude}!`;
    });
    expect(elapsed).toBeLessThan(1_000);
  });
});
