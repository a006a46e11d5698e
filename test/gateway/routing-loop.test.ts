import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessKey, createProviderKeys, rawChat } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

describe('routing loops', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ env: { TOLLGATE_UPSTREAM_ALLOWLIST: '127.0.0.1' } });
  });
  afterAll(async () => harness?.close());

  it('refuses a request that already passed through a Tollgate', async () => {
    const { token } = await createAccessKey(harness);
    const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'tollgate-hop': 'elsewhere',
      },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(508);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('routing_loop');
  });

  it('stops a custom provider that points back at this gateway after one hop', async () => {
    const created = await harness.admin<{ providerId: string }>('POST', '/providers', {
      providerId: 'myself',
      name: 'A loop',
      baseUrl: `${harness.gatewayUrl}/v1`,
      models: [{ modelId: 'echo' }],
    });
    expect(created.status).toBe(201);
    const { token } = await createAccessKey(harness);
    await createProviderKeys(harness, 'myself', [token]);
    const response = await rawChat(harness, token, { model: 'myself:echo' });
    expect(response.status).toBe(508);
    expect((response.body.error as { code: string }).code).toBe('routing_loop');
  });
});
