import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type FakeUpstream, type RecordedRequest, startFakeUpstream } from '../fake-upstream/server.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

/** Both official SDKs on one access key: the OpenAI SDK on `/v1`, the Anthropic SDK on the root. */
export interface SdkClients {
  token: string;
  openai: OpenAI;
  anthropic: Anthropic;
}

export function sdkClients(harness: Harness, token: string): SdkClients {
  return {
    token,
    openai: new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: token, maxRetries: 0 }),
    anthropic: new Anthropic({ baseURL: harness.gatewayUrl, apiKey: token, maxRetries: 0 }),
  };
}

/** What {@link useSdkGateway} starts for a describe block. */
export interface SdkGateway {
  upstream: FakeUpstream;
  harness: Harness;
  clients: SdkClients;
}

/**
 * For one describe block: a fake upstream, a Tollgate with these provider keys
 * (`{ anthropic: ['sk-ant-…'] }`), and both SDKs on a new access key named `name`, handed to
 * `ready` once started; the upstream's record is reset before each test.
 */
export function useSdkGateway(
  providerKeys: Record<string, string[]>,
  name: string,
  ready: (gateway: SdkGateway) => void,
): void {
  let upstream: FakeUpstream | undefined;
  let harness: Harness | undefined;
  beforeAll(async () => {
    upstream = await startFakeUpstream();
    harness = await startHarness({ upstreamUrl: upstream.url });
    for (const [provider, values] of Object.entries(providerKeys)) {
      await createProviderKeys(harness, provider, values);
    }
    const accessKey = await harness.admin<{ token: string }>('POST', '/access-keys', { name });
    ready({ upstream, harness, clients: sdkClients(harness, accessKey.body.token) });
  });
  beforeEach(() => upstream?.reset());
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });
}

/**
 * An access key whose configuration sends every listed provider through exactly one provider
 * key, so that a fake-upstream switch in the key's value (`break-stream`, `fail-400`, ...)
 * applies to that access key alone.
 */
export async function clientsRoutedThrough(
  harness: Harness,
  keys: Record<string, string>,
): Promise<SdkClients> {
  const rules = [];
  for (const [providerId, value] of Object.entries(keys)) {
    const [id] = await createProviderKeys(harness, providerId, [value]);
    rules.push({ provider: providerId, steps: [{ type: 'user', keys: [{ id }] }] });
  }
  const configurationId = await createConfiguration(harness, { router: { rules } });
  const { token } = await createAccessKey(harness, configurationId);
  return sdkClients(harness, token);
}

/** The request the fake upstream received last (fails the test when there was none). */
export function lastUpstreamRequest(
  upstream: FakeUpstream,
): RecordedRequest & { body: Record<string, unknown> } {
  const request = upstream.requests.at(-1);
  if (!request) throw new Error('the fake upstream received no request');
  return request as RecordedRequest & { body: Record<string, unknown> };
}

export interface UsageEventRow {
  request_id: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  reasoning_tokens: number;
  is_streaming: number;
  usage_estimated: number;
  completion: string;
  stop_reason: string | null;
  status_code: number;
  served: number;
}

export async function usageEvents(harness: Harness, requestId: string): Promise<UsageEventRow[]> {
  // Events that move no money are written just after their answer.
  await harness.tollgate.services.recorder.settled();
  return (await harness.tollgate.services.store.db
    .selectFrom('usage_events')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('attempt_number')
    .execute()) as UsageEventRow[];
}

/** The usage events of a request, waiting for them: an abandoned stream is recorded after the client left. */
export async function eventualUsageEvents(harness: Harness, requestId: string): Promise<UsageEventRow[]> {
  for (let waited = 0; waited < 5_000; waited += 25) {
    const rows = await usageEvents(harness, requestId);
    if (rows.length > 0) return rows;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return [];
}

export const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  parameters: {
    type: 'object' as const,
    properties: { location: { type: 'string' } },
    required: ['location'],
  },
};

/** A 1×1 PNG, as tools send screenshots. */
export const pixelPngBase64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
