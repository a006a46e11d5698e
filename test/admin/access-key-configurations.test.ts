import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/databases.js';
import { createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

interface ConfigurationView {
  id: string;
  name: string;
  access?: { models?: { allow?: string[] } };
  router?: {
    rules: Array<{
      provider?: string;
      model?: string;
      steps: Array<{ type: string; keys?: Array<Record<string, string>> }>;
    }>;
  };
  limits?: Record<string, unknown>;
}
interface AdminError {
  errorCode: string;
  msg: string;
  details: Record<string, string>;
}

describe.each(dialects)('/access-key-configurations (%s)', (dialect) => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ dialect });
  });
  afterAll(async () => harness?.close());

  it('stores scope in one normalised form and accepts the managed alias', async () => {
    const created = await harness.admin<ConfigurationView>('POST', '/access-key-configurations', {
      name: 'normalised',
      access: {
        models: {
          allow: ['openai/GPT-4o', 'openai:openai/gpt-4.1', 'anthropic:claude-sonnet-4-5', 'gpt-4o-mini'],
        },
      },
      router: { rules: [{ provider: 'openai', steps: [{ type: 'managed' }] }] },
      limits: { requestsPerMinute: 60, spend: { amountCents: 500, period: 'month' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^aigac_/);
    expect(created.body.access?.models?.allow).toEqual([
      'openai:gpt-4o',
      'openai:gpt-4.1',
      'anthropic:claude-sonnet-4-5',
      'gpt-4o-mini',
    ]);
    expect(created.body.router?.rules[0]?.steps[0]?.type).toBe('ngrok');
    expect(created.body.limits).toEqual({
      requestsPerMinute: 60,
      spend: { amountCents: 500, period: 'month' },
    });
  });

  it('creates inline router keys as provider keys and reads them back redacted', async () => {
    const created = await harness.admin<ConfigurationView>('POST', '/access-key-configurations', {
      name: 'inline',
      router: {
        rules: [
          {
            model: 'openai:gpt-4o',
            steps: [{ type: 'user', keys: [{ name: 'inline', value: 'sk-inline-secret-1234' }] }],
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const key = created.body.router?.rules[0]?.steps[0]?.keys?.[0];
    expect(key?.id).toMatch(/^aigpk_/);
    expect(key).toMatchObject({ name: 'inline', keyRedacted: 'sk-inline-***1234' });
    expect(JSON.stringify(created.body)).not.toContain('sk-inline-secret-1234');
    const keys = await harness.admin<{ aiGatewayProviderKeys: Array<{ id: string }> }>(
      'GET',
      '/provider-keys',
    );
    expect(keys.body.aiGatewayProviderKeys.map((row) => row.id)).toContain(key?.id);
  });

  it.each([
    [{ rules: [{ steps: [{ type: 'ngrok' }] }] }, 'router.rules[0]'],
    [{ rules: [{ provider: 'nope', steps: [{ type: 'ngrok' }] }] }, 'router.rules[0].provider'],
    [{ rules: [{ provider: 'openai', steps: [{ type: 'user' }] }] }, 'router.rules[0].steps[0]'],
    [
      { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id: 'aigpk_missing' }] }] }] },
      'router.rules[0].steps[0].keys[0]',
    ],
    [
      {
        rules: [
          { provider: 'openai', steps: [{ type: 'ngrok' }] },
          { provider: 'openai', steps: [{ type: 'ngrok' }] },
        ],
      },
      'router.rules[1]',
    ],
    [
      { rules: [{ model: 'openai:gpt-4o', provider: 'anthropic', steps: [{ type: 'ngrok' }] }] },
      'router.rules[0].model',
    ],
  ])('refuses an invalid router and names the field (%#)', async (router, field) => {
    const response = await harness.admin<AdminError>('POST', '/access-key-configurations', {
      name: 'bad',
      router,
    });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe('invalid_router_configuration');
    expect(Object.keys(response.body.details)).toContain(field);
  });

  it('refuses a key of another provider in a rule', async () => {
    const [anthropicKey] = await createProviderKeys(harness, 'anthropic', ['sk-ant-other-1']);
    const response = await harness.admin<AdminError>('POST', '/access-key-configurations', {
      name: 'mismatch',
      router: { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id: anthropicKey }] }] }] },
    });
    expect(response.status).toBe(400);
    expect(response.body.msg).toContain('anthropic');
  });

  it('validates field types and names the field', async () => {
    const response = await harness.admin<AdminError>('POST', '/access-key-configurations', {
      name: 'typed',
      limits: { requestsPerMinute: -1 },
    });
    expect(response.status).toBe(400);
    expect(response.body.errorCode).toBe('validation_failed');
    expect(Object.keys(response.body.details)).toContain('limits.requestsPerMinute');
  });

  it('updates partially: omitted fields stay, null clears', async () => {
    const created = await harness.admin<ConfigurationView>('POST', '/access-key-configurations', {
      name: 'partial',
      access: { providers: { allow: ['openai'] } },
      limits: { requestsPerMinute: 5 },
    });
    const patched = await harness.admin<ConfigurationView>(
      'PATCH',
      `/access-key-configurations/${created.body.id}`,
      {
        limits: null,
      },
    );
    expect(patched.status).toBe(200);
    expect(patched.body.access).toEqual({ providers: { allow: ['openai'] } });
    expect(patched.body.limits).toBeUndefined();
  });

  it('refuses to clear the name, and keeps it', async () => {
    const created = await harness.admin<ConfigurationView>('POST', '/access-key-configurations', {
      name: 'named',
    });
    const path = `/access-key-configurations/${created.body.id}`;
    const unnamed = await harness.admin<AdminError>('PATCH', path, { name: null });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body).toMatchObject({
      errorCode: 'validation_failed',
      details: { name: 'cannot be cleared' },
    });
    expect((await harness.admin<ConfigurationView>('GET', path)).body.name).toBe('named');
  });

  it('refuses to delete a provider key that a router rule names', async () => {
    const [keyId] = await createProviderKeys(harness, 'openai', ['sk-referenced-1234']);
    await harness.admin('POST', '/access-key-configurations', {
      name: 'referencing',
      router: { rules: [{ provider: 'openai', steps: [{ type: 'user', keys: [{ id: keyId }] }] }] },
    });
    const response = await harness.admin<AdminError>('DELETE', `/provider-keys/${keyId}`);
    expect(response.status).toBe(409);
    expect(response.body.errorCode).toBe('resource_in_use');
  });

  it('pages newest first with beforeId', async () => {
    const first = await harness.admin<{
      aiGatewayAccessKeyConfigurations: ConfigurationView[];
      nextPageUri: string | null;
    }>('GET', '/access-key-configurations?limit=2');
    expect(first.body.aiGatewayAccessKeyConfigurations).toHaveLength(2);
    expect(first.body.nextPageUri).toContain('beforeId=');
    const next = new URL(first.body.nextPageUri ?? '');
    const second = await harness.admin<{ aiGatewayAccessKeyConfigurations: ConfigurationView[] }>(
      'GET',
      `${next.pathname}${next.search}`,
    );
    const firstIds = first.body.aiGatewayAccessKeyConfigurations.map((item) => item.id);
    for (const item of second.body.aiGatewayAccessKeyConfigurations) {
      expect(firstIds).not.toContain(item.id);
      expect(item.id < (firstIds.at(-1) ?? '')).toBe(true);
    }
  });
});
