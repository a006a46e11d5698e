import OpenAI from 'openai';
import type { Harness } from './tollgate-harness.js';

/** Creates provider keys by name → id, for router rules and failover scenarios. */
export async function createProviderKeys(
  harness: Harness,
  providerId: string,
  values: string[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, value] of values.entries()) {
    const created = await harness.admin<{ id: string }>('POST', '/provider-keys', {
      providerId,
      name: `key-${index}`,
      value,
    });
    if (created.status !== 201)
      throw new Error(`provider key create failed: ${JSON.stringify(created.body)}`);
    ids.push(created.body.id);
  }
  return ids;
}

export async function createAccessKey(
  harness: Harness,
  accessKeyConfigurationId?: string,
): Promise<{ id: string; token: string; client: OpenAI }> {
  const created = await harness.admin<{ id: string; token: string }>('POST', '/access-keys', {
    name: 'app',
    ...(accessKeyConfigurationId ? { accessKeyConfigurationId } : {}),
  });
  if (created.status !== 201) throw new Error(`access key create failed: ${JSON.stringify(created.body)}`);
  return {
    ...created.body,
    client: new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: created.body.token, maxRetries: 0 }),
  };
}

export async function createConfiguration(harness: Harness, body: Record<string, unknown>): Promise<string> {
  const created = await harness.admin<{ id: string }>('POST', '/access-key-configurations', {
    name: 'config',
    ...body,
  });
  if (created.status !== 201) throw new Error(`configuration create failed: ${JSON.stringify(created.body)}`);
  return created.body.id;
}

/** A raw chat call: status, headers and parsed body, for asserting errors and Tollgate headers. */
export async function rawChat(harness: Harness, token: string, body: Record<string, unknown>) {
  const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }], ...body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
    text,
  };
}
