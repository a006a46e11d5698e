import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import {
  clientsRoutedThrough,
  lastUpstreamRequest,
  type SdkClients,
  sdkClients,
} from './gateway-fixtures.js';

/**
 * Issue 14, items 5–7: what the official SDKs see when the provider fails. The fake upstream's
 * `fail-…` switches sit in the provider key's value, so each case routes through its own key.
 */
describe('upstream failures as the official SDKs see them', () => {
  let upstream: FakeUpstream;
  let harness: Harness;
  let clients: SdkClients;

  const storedUpstreamRequestIds = async (requestId: string) => {
    await harness.tollgate.services.recorder.settled();
    const rows = await harness.tollgate.services.store.db
      .selectFrom('usage_events')
      .select(['upstream_request_id'])
      .where('request_id', '=', requestId)
      .orderBy('attempt_number')
      .execute();
    return rows.map((row) => row.upstream_request_id);
  };

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    await createProviderKeys(harness, 'openai', ['sk-openai-errors-0001']);
    await createProviderKeys(harness, 'anthropic', ['sk-ant-errors-0002']);
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name: 'errors' });
    clients = sdkClients(harness, accessKey.body.token);
  });
  beforeEach(() => upstream.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  it('openai SDK (item 5): a provider key refused upstream is a 502 provider_auth_failed, not an AuthenticationError', async () => {
    const failing = await clientsRoutedThrough(harness, { openai: 'sk-fail-401-refused-0003' });
    const error = await failing.openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(OpenAI.AuthenticationError);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.status).toBe(502);
    expect(apiError.code).toBe('provider_auth_failed');
    expect(apiError.message).not.toContain('refused-0003');
  });

  it('anthropic SDK (item 5): a provider 403 on a translated model is a 502 provider_auth_failed', async () => {
    const failing = await clientsRoutedThrough(harness, { openai: 'sk-fail-403-forbidden-0004' });
    const error = await failing.anthropic.messages
      .create({ model: 'gpt-4o', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).not.toBeInstanceOf(Anthropic.PermissionDeniedError);
    expect(error).toBeInstanceOf(Anthropic.InternalServerError);
    const apiError = error as InstanceType<typeof Anthropic.APIError>;
    expect(apiError.status).toBe(502);
    expect(apiError.error).toMatchObject({ error: { type: 'api_error', code: 'provider_auth_failed' } });
  });

  it('openai SDK (item 5): an upstream 500 is a 502', async () => {
    const failing = await clientsRoutedThrough(harness, { openai: 'sk-fail-500-broken-0005' });
    const error = await failing.openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(502);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('all_providers_failed');
  });

  it("openai SDK (item 6): an upstream 400 keeps the provider's code, param and message", async () => {
    const error = await clients.openai.chat.completions
      .create({ model: 'gpt-4o', messages: [] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    const apiError = error as InstanceType<typeof OpenAI.APIError>;
    expect(apiError.code).toBe('empty_array');
    expect(apiError.param).toBe('messages');
    expect(apiError.message).toContain("Invalid 'messages': empty array");
  });

  it("openai SDK (item 6): an upstream 404 stays a 404 with the provider's code", async () => {
    const error = await clients.openai.chat.completions
      .create({ model: 'openai:gpt-does-not-exist', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('model_not_found');
  });

  it('anthropic SDK (item 6): an upstream 404 from Anthropic stays a not_found_error', async () => {
    const error = await clients.anthropic.messages
      .create({
        model: 'anthropic:claude-does-not-exist',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }],
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(Anthropic.NotFoundError);
    expect((error as InstanceType<typeof Anthropic.APIError>).error).toMatchObject({
      error: { type: 'not_found_error', code: 'not_found' },
    });
  });

  it('openai SDK (item 7): the provider request id reaches err.requestID and the usage event', async () => {
    const failing = await clientsRoutedThrough(harness, { openai: 'sk-fail-400-bad-0006' });
    const error = (await failing.openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
      .catch((caught: unknown) => caught)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.requestID).toMatch(/^req_/);
    const requestId = error.headers?.get('tollgate-request-id') ?? '';
    expect(requestId).toMatch(/^rq_/);
    expect(await storedUpstreamRequestIds(requestId)).toEqual([error.requestID]);
  });

  it('openai SDK (item 7): a served answer carries the provider request id as request_id', async () => {
    const { request_id, response } = await clients.openai.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] })
      .withResponse();
    expect(request_id).toMatch(/^req_/);
    const requestId = response.headers.get('tollgate-request-id') ?? '';
    expect(await storedUpstreamRequestIds(requestId)).toEqual([request_id]);
  });

  it("anthropic SDK (item 7): a stream's provider request id is on the response and stored", async () => {
    const stream = clients.anthropic.messages.stream({
      model: 'claude-haiku-4-5',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    const message = await stream.finalMessage();
    expect(message.content).toHaveLength(1);
    const { response } = await stream.withResponse();
    const upstreamId = response.headers.get('request-id');
    expect(upstreamId).toMatch(/^req_/);
    expect(lastUpstreamRequest(upstream).path).toContain('/messages');
    const requestId = response.headers.get('tollgate-request-id') ?? '';
    expect(await storedUpstreamRequestIds(requestId)).toEqual([upstreamId]);
  });
});
