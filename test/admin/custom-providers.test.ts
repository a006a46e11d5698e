import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminCaller } from '../../src/admin/resource-views.js';
import { registerProviderRoutes } from '../../src/admin/routes/providers.js';
import { insertAccount } from '../../src/domain/accounts/account-repository.js';
import { CustomProviderDirectory } from '../../src/domain/custom-providers/custom-provider-directory.js';
import { CustomProviderRepository } from '../../src/domain/custom-providers/custom-provider-repository.js';
import { CustomProviderService } from '../../src/domain/custom-providers/custom-provider-service.js';
import { newId } from '../../src/domain/ids.js';
import { InvalidationBus } from '../../src/domain/invalidation/invalidation-bus.js';
import { TollgateError } from '../../src/errors/tollgate-error.js';
import { adminErrorBody } from '../../src/errors/wire-bodies.js';
import { nowIso } from '../../src/store/paging.js';
import { type HostResolver, parseAllowlist } from '../../src/upstream/address-guard.js';
import { dialects, migratedTestStore } from '../helpers/databases.js';

/**
 * `/providers` on a small app of its own (routes + a fake caller hook + a real store), so it
 * does not depend on how the full admin server is wired. The caller's account comes from the
 * `x-test-account` header; DNS is a fixed table.
 */
const dns: Record<string, string[]> = {
  'llm.example.com': ['93.184.216.34'],
  'other.example.com': ['93.184.216.35'],
  localhost: ['127.0.0.1', '::1'],
  'intranet.example.com': ['10.1.2.3'],
  'metadata.example.com': ['169.254.169.254'],
  'vllm.lab': ['192.168.10.20'],
};
const resolve: HostResolver = async (host) => {
  const found = dns[host];
  if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return found;
};

interface Response<T> {
  status: number;
  body: T;
}

interface ProviderView {
  id: string;
  uri: string;
  providerId: string;
  name: string;
  baseUrl: string;
  metadata?: string;
  createdAt: string;
  updatedAt: string;
  createdBy: { id: string; uri: string };
  lastUpdatedBy: { id: string; uri: string };
  supportedApiSurfaces: { format: string; surface?: string }[];
  models: { id: string; modelId: string }[];
}

interface ErrorView {
  errorCode: string;
  statusCode: number;
  msg: string;
  details: Record<string, string>;
}

interface ListView {
  aiGatewayProviders: ProviderView[];
  uri: string;
  nextPageUri: string | null;
}

describe.each(dialects)('/providers (%s)', (dialect) => {
  const store = migratedTestStore(dialect);
  let app: FastifyInstance;
  let directory: CustomProviderDirectory;
  let accountA: string;
  let accountB: string;

  beforeAll(async () => {
    accountA = (await insertAccount(store().db, 'a')).id;
    accountB = (await insertAccount(store().db, 'b')).id;

    const allowlist = parseAllowlist(['vllm.lab', '172.20.0.0/16']);
    const repository = new CustomProviderRepository(store().db);
    directory = new CustomProviderDirectory(repository, new InvalidationBus([]), allowlist);
    const service = new CustomProviderService({
      repository,
      directory,
      isBuiltIn: (id) => id === 'openai' || id === 'anthropic',
      allowlist,
      resolve,
    });

    app = Fastify();
    app.decorateRequest('adminCaller', undefined);
    app.addHook('onRequest', async (request) => {
      const account = request.headers['x-test-account'];
      const caller: AdminCaller = {
        accountId: typeof account === 'string' ? account : accountA,
        apiKeyId: 'aigapi_test',
        isOperator: false,
        baseUrl: 'http://admin.test',
      };
      request.adminCaller = caller;
    });
    app.setErrorHandler((error, _request, reply) => {
      const failure = error instanceof TollgateError ? error : new TollgateError('internal');
      reply.code(failure.status).send(adminErrorBody(failure));
    });
    registerProviderRoutes(app, { providers: service });
    await app.ready();
  });

  afterAll(async () => {
    await app?.close();
  });

  async function call<T>(
    method: string,
    url: string,
    body?: unknown,
    account?: string,
  ): Promise<Response<T>> {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: account ? { 'x-test-account': account } : {},
      ...(body === undefined ? {} : { payload: body as object }),
    });
    return { status: response.statusCode, body: (response.body ? response.json() : undefined) as T };
  }

  function create(body: Record<string, unknown>, account?: string) {
    return call<ProviderView & ErrorView>('POST', '/providers', body, account);
  }

  it('creates, reads, lists, updates and deletes a provider', async () => {
    const created = await create({
      providerId: 'internal-vllm',
      name: 'Internal vLLM',
      baseUrl: 'https://llm.example.com/v1/',
      metadata: 'team=ml',
      supportedApiSurfaces: [{ format: 'openai', surface: 'chat-completions' }],
      models: [{ modelId: 'llama3' }, { modelId: 'qwen2.5' }],
    });
    expect(created.status).toBe(201);
    const provider = created.body;
    expect(provider.id).toMatch(/^aigp_[0-9A-Z]{26}$/);
    expect(provider).toMatchObject({
      uri: `http://admin.test/providers/${provider.id}`,
      providerId: 'internal-vllm',
      name: 'Internal vLLM',
      baseUrl: 'https://llm.example.com/v1',
      metadata: 'team=ml',
      createdBy: { id: 'aigapi_test', uri: 'http://admin.test/api-keys/aigapi_test' },
      lastUpdatedBy: { id: 'aigapi_test' },
      supportedApiSurfaces: [{ format: 'openai', surface: 'chat-completions' }],
      models: [
        { id: 'internal-vllm:llama3', modelId: 'llama3' },
        { id: 'internal-vllm:qwen2.5', modelId: 'qwen2.5' },
      ],
    });

    const fetched = await call<ProviderView>('GET', `/providers/${provider.id}`);
    expect(fetched).toEqual({ status: 200, body: provider });

    const listed = await call<ListView>('GET', '/providers');
    expect(listed.status).toBe(200);
    expect(listed.body.uri).toBe('http://admin.test/providers');
    expect(listed.body.nextPageUri).toBeNull();
    expect(listed.body.aiGatewayProviders.map((entry) => entry.id)).toContain(provider.id);

    const patched = await call<ProviderView>('PATCH', `/providers/${provider.id}`, {
      name: 'Renamed',
      metadata: null,
      providerId: 'internal-vllm',
    });
    expect(patched.status).toBe(200);
    expect(patched.body.name).toBe('Renamed');
    expect(patched.body.metadata).toBeUndefined();
    expect(patched.body.models).toHaveLength(2); // omitted = kept

    const replaced = await call<ProviderView>('PATCH', `/providers/${provider.id}`, {
      models: [{ modelId: 'mistral' }],
    });
    expect(replaced.body.models).toEqual([{ id: 'internal-vllm:mistral', modelId: 'mistral' }]);
    const cleared = await call<ProviderView>('PATCH', `/providers/${provider.id}`, { models: [] });
    expect(cleared.body.models).toEqual([]);
    // `null` clears a list as `[]` does (the reference's PATCH rule for lists).
    const nulled = await call<ProviderView>('PATCH', `/providers/${provider.id}`, {
      supportedApiSurfaces: null,
    });
    expect(nulled.body.supportedApiSurfaces).toEqual([]);

    expect((await call('DELETE', `/providers/${provider.id}`)).status).toBe(204);
    expect((await call('GET', `/providers/${provider.id}`)).status).toBe(404);
    expect((await call('DELETE', `/providers/${provider.id}`)).status).toBe(404);
  });

  it('pages with beforeId and limit, newest first', async () => {
    const ids: string[] = [];
    for (const index of [1, 2, 3]) {
      const created = await create(
        { providerId: `paged-${index}`, name: `P${index}`, baseUrl: 'https://llm.example.com' },
        accountB,
      );
      ids.push(created.body.id);
    }
    const first = await call<ListView>('GET', '/providers?limit=2', undefined, accountB);
    expect(first.body.aiGatewayProviders.map((entry) => entry.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextPageUri).toBe(`http://admin.test/providers?beforeId=${ids[1]}&limit=2`);
    const second = await call<ListView>('GET', `/providers?beforeId=${ids[1]}&limit=2`, undefined, accountB);
    expect(second.body.aiGatewayProviders.map((entry) => entry.id)).toEqual([ids[0]]);
    expect(second.body.nextPageUri).toBeNull();
  });

  it('reads another account’s provider as 404', async () => {
    const created = await create({
      providerId: 'private-one',
      name: 'Mine',
      baseUrl: 'https://llm.example.com',
    });
    const id = created.body.id;
    expect((await call('GET', `/providers/${id}`, undefined, accountB)).status).toBe(404);
    expect((await call('PATCH', `/providers/${id}`, { name: 'x' }, accountB)).status).toBe(404);
    expect((await call('DELETE', `/providers/${id}`, undefined, accountB)).status).toBe(404);
    const list = await call<ListView>('GET', '/providers', undefined, accountB);
    expect(list.body.aiGatewayProviders.map((entry) => entry.id)).not.toContain(id);
    // The same providerId is free in another account.
    expect(
      (
        await create(
          { providerId: 'private-one', name: 'Theirs', baseUrl: 'https://llm.example.com' },
          accountB,
        )
      ).status,
    ).toBe(201);
  });

  it.each([
    ['plain http', 'http://llm.example.com/v1'],
    ['a host resolving to loopback', 'https://localhost:8000/v1'],
    ['a host resolving to a private address', 'https://intranet.example.com/v1'],
    ['a host resolving to the metadata service', 'https://metadata.example.com/latest'],
    ['a private IP literal', 'https://10.0.0.5/v1'],
    ['the IPv6 loopback literal', 'https://[::1]/v1'],
    ['the metadata IP literal', 'https://169.254.169.254/latest/meta-data'],
    ['a 6to4 literal embedding 127.0.0.1', 'https://[2002:7f00:1::1]/v1'],
    ['a 6to4 literal embedding the metadata address', 'https://[2002:a9fe:a9fe::]/v1'],
    ['a Teredo literal', 'https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/v1'],
    ['a NAT64 literal of the metadata address', 'https://[64:ff9b::a9fe:a9fe]/v1'],
    ['an IPv4-mapped loopback literal', 'https://[::ffff:127.0.0.1]/v1'],
    ['a documentation address', 'https://192.0.2.1/v1'],
  ])('refuses %s with base_url_host_not_allowed', async (_label, baseUrl) => {
    const created = await create({ providerId: 'ssrf', name: 'SSRF', baseUrl });
    expect(created.status).toBe(400);
    expect(created.body.errorCode).toBe('base_url_host_not_allowed');
    expect(created.body.msg).toMatch(/^base_url host ".+" is not allowed/);
  });

  it('accepts an allow-listed host over http, by name and by range', async () => {
    const byName = await create({ providerId: 'lab-vllm', name: 'Lab', baseUrl: 'http://vllm.lab:8000/v1' });
    expect(byName.status).toBe(201);
    expect(byName.body.baseUrl).toBe('http://vllm.lab:8000/v1');
    const byRange = await create({
      providerId: 'lab-range',
      name: 'Lab range',
      baseUrl: 'http://172.20.1.2:8000/v1',
    });
    expect(byRange.status).toBe(201);

    const resolved = await directory.get(accountA, 'lab-vllm');
    expect(resolved).toMatchObject({
      id: 'lab-vllm',
      builtIn: false,
      guardAddresses: false,
      managedKey: undefined,
    });
  });

  it('re-checks the base URL on PATCH', async () => {
    const created = await create({
      providerId: 'moving',
      name: 'Moving',
      baseUrl: 'https://llm.example.com/v1',
    });
    const patched = await call<ErrorView>('PATCH', `/providers/${created.body.id}`, {
      baseUrl: 'https://localhost/v1',
    });
    expect(patched.status).toBe(400);
    expect(patched.body.errorCode).toBe('base_url_host_not_allowed');
    const moved = await call<ProviderView>('PATCH', `/providers/${created.body.id}`, {
      baseUrl: 'https://other.example.com/v2',
    });
    expect(moved.body.baseUrl).toBe('https://other.example.com/v2');
    for (const baseUrl of ['https://[2002:a9fe:a9fe::]/v1', 'https://[2001::1]/v1']) {
      const tunnelled = await call<ErrorView>('PATCH', `/providers/${created.body.id}`, { baseUrl });
      expect(tunnelled.status).toBe(400);
      expect(tunnelled.body.errorCode).toBe('base_url_host_not_allowed');
    }
  });

  it('validates providerId, fields, models and surfaces', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ providerId: 'openai', name: 'x', baseUrl: 'https://llm.example.com' }, 'providerId'],
      [{ providerId: 'Upper', name: 'x', baseUrl: 'https://llm.example.com' }, 'providerId'],
      [{ providerId: 'has:colon', name: 'x', baseUrl: 'https://llm.example.com' }, 'providerId'],
      [{ providerId: 'x'.repeat(256), name: 'x', baseUrl: 'https://llm.example.com' }, 'providerId'],
      [{ providerId: 'ok', name: '', baseUrl: 'https://llm.example.com' }, 'name'],
      [{ providerId: 'ok', name: 'x' }, 'baseUrl'],
      [{ providerId: 'ok', name: 'x', baseUrl: `https://llm.example.com/${'a'.repeat(2048)}` }, 'baseUrl'],
      [{ providerId: 'ok', name: 'x', baseUrl: 'not a url' }, 'baseUrl'],
      [
        { providerId: 'ok', name: 'x', baseUrl: 'https://llm.example.com', metadata: 'm'.repeat(4097) },
        'metadata',
      ],
      [
        {
          providerId: 'ok',
          name: 'x',
          baseUrl: 'https://llm.example.com',
          models: [{ modelId: 'a' }, { modelId: 'A' }],
        },
        'models.1.modelId',
      ],
      [
        { providerId: 'ok', name: 'x', baseUrl: 'https://llm.example.com', models: [{ modelId: '' }] },
        'models.0.modelId',
      ],
      [
        {
          providerId: 'ok',
          name: 'x',
          baseUrl: 'https://llm.example.com',
          supportedApiSurfaces: [{ format: 'gemini' }],
        },
        'supportedApiSurfaces.0.format',
      ],
      [
        {
          providerId: 'ok',
          name: 'x',
          baseUrl: 'https://llm.example.com',
          supportedApiSurfaces: [{ format: 'anthropic', surface: 'chat-completions' }],
        },
        'supportedApiSurfaces.0.surface',
      ],
      [{ providerId: 'ok', name: 'x', baseUrl: 'https://llm.example.com', extra: 1 }, '(body)'],
    ];
    for (const [body, field] of cases) {
      const response = await create(body);
      expect(response.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(response.body.errorCode).toBe('validation_failed');
      expect(Object.keys(response.body.details)).toContain(field);
    }
  });

  it('refuses a duplicate providerId in the same account', async () => {
    expect(
      (await create({ providerId: 'twice', name: 'One', baseUrl: 'https://llm.example.com' })).status,
    ).toBe(201);
    const again = await create({ providerId: 'twice', name: 'Two', baseUrl: 'https://llm.example.com' });
    expect(again.status).toBe(400);
    expect(again.body.errorCode).toBe('validation_failed');
    expect(again.body.details).toEqual({ providerId: 'already exists' });
  });

  it('keeps providerId immutable and name required on PATCH', async () => {
    const created = await create({ providerId: 'fixed', name: 'Fixed', baseUrl: 'https://llm.example.com' });
    const renamed = await call<ErrorView>('PATCH', `/providers/${created.body.id}`, { providerId: 'other' });
    expect(renamed.status).toBe(400);
    expect(renamed.body).toMatchObject({
      errorCode: 'validation_failed',
      details: { providerId: 'is immutable after creation' },
    });
    const unnamed = await call<ErrorView>('PATCH', `/providers/${created.body.id}`, { name: null });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.details).toEqual({ name: 'cannot be cleared' });
  });

  it('refuses to delete a provider a provider key references (409)', async () => {
    const created = await create({ providerId: 'keyed', name: 'Keyed', baseUrl: 'https://llm.example.com' });
    const keyId = newId('aigpk');
    await store()
      .db.insertInto('provider_keys')
      .values({
        id: keyId,
        account_id: accountA,
        provider_id: 'keyed',
        name: 'k',
        description: null,
        metadata: null,
        value_sealed: 'sealed',
        key_redacted: 'sk-***abcd',
        created_by: 'aigapi_test',
        last_updated_by: 'aigapi_test',
        created_at: nowIso(),
        updated_at: nowIso(),
        last_used: null,
      })
      .execute();
    const refused = await call<ErrorView>('DELETE', `/providers/${created.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ errorCode: 'resource_in_use', details: { providerKeys: keyId } });

    await store().db.deleteFrom('provider_keys').where('id', '=', keyId).execute();
    expect((await call('DELETE', `/providers/${created.body.id}`)).status).toBe(204);
  });

  it('refuses to delete a provider a configuration names, and only that one', async () => {
    const named = await create({ providerId: 'cfg', name: 'Cfg', baseUrl: 'https://llm.example.com' });
    const similar = await create({ providerId: 'cfg-2', name: 'Cfg 2', baseUrl: 'https://llm.example.com' });
    const routed = await create({ providerId: 'routed', name: 'Routed', baseUrl: 'https://llm.example.com' });
    const configurationId = newId('aigac');
    const base = {
      account_id: accountA,
      name: 'c',
      description: null,
      metadata: null,
      limits_json: null,
      created_by: 'aigapi_test',
      last_updated_by: 'aigapi_test',
      created_at: nowIso(),
      updated_at: nowIso(),
    };
    await store()
      .db.insertInto('access_key_configurations')
      .values([
        {
          ...base,
          id: configurationId,
          access_json: JSON.stringify({ providers: { allow: ['cfg-2'] }, models: { allow: ['cfg:llama3'] } }),
          router_json: null,
        },
        {
          ...base,
          id: newId('aigac'),
          access_json: null,
          router_json: JSON.stringify({
            rules: [{ provider: 'routed', steps: [{ type: 'user', keys: [] }] }],
          }),
        },
      ])
      .execute();

    const refused = await call<ErrorView>('DELETE', `/providers/${named.body.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      errorCode: 'resource_in_use',
      details: { accessKeyConfigurations: configurationId },
    });
    expect((await call('DELETE', `/providers/${similar.body.id}`)).status).toBe(409);
    expect((await call('DELETE', `/providers/${routed.body.id}`)).status).toBe(409);

    // A provider whose id only appears inside another id ("cfg" in "cfg-2") is not referenced by it.
    await store()
      .db.updateTable('access_key_configurations')
      .set({ access_json: JSON.stringify({ providers: { allow: ['cfg-2'] } }) })
      .where('id', '=', configurationId)
      .execute();
    expect((await call('DELETE', `/providers/${named.body.id}`)).status).toBe(204);
  });

  it('serves the gateway through the directory, refreshed on every write', async () => {
    const created = await create({
      providerId: 'gw',
      name: 'Gateway',
      baseUrl: 'https://llm.example.com/v1',
      supportedApiSurfaces: [
        { format: 'openai', surface: 'responses' },
        { format: 'openai', surface: 'embeddings' },
      ],
      models: [{ modelId: 'llama3' }],
    });
    expect(await directory.get(accountA, 'gw')).toEqual({
      id: 'gw',
      name: 'Gateway',
      baseUrl: 'https://llm.example.com/v1',
      format: 'openai',
      surfaces: ['chat-completions', 'responses', 'embeddings'],
      managedKey: undefined,
      builtIn: false,
      resourceId: created.body.id,
      guardAddresses: true,
    });
    expect(await directory.models(accountA, 'gw')).toEqual(['llama3']);
    expect(await directory.get(accountB, 'gw')).toBeUndefined();
    expect(await directory.models(accountA, 'nope')).toBeUndefined();

    await call('PATCH', `/providers/${created.body.id}`, {
      supportedApiSurfaces: [{ format: 'anthropic' }],
      models: [{ modelId: 'claude-local' }],
    });
    expect(await directory.get(accountA, 'gw')).toMatchObject({
      format: 'anthropic',
      surfaces: ['messages'],
    });
    expect(await directory.models(accountA, 'gw')).toEqual(['claude-local']);
    expect((await directory.list(accountA)).map((provider) => provider.id)).toContain('gw');

    await call('DELETE', `/providers/${created.body.id}`);
    expect(await directory.get(accountA, 'gw')).toBeUndefined();
  });
});
