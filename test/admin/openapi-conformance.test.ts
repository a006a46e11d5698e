import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule, { type FormatsPlugin } from 'ajv-formats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildOpenApiDocument } from '../../src/admin/openapi-document.js';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';

/**
 * Every admin response must validate against ngrok's own OpenAPI document (SPEC §6): Tollgate may
 * add fields, never drop, rename or retype one. Responses are also checked against Tollgate's own
 * /openapi.json, strictly: a field that neither document names is a rename or an undocumented addition.
 */

type JsonObject = Record<string, unknown>;
type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE';
type DocumentKind = 'reference' | 'tollgate';

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const child = (value: unknown, ...keys: string[]): unknown =>
  keys.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);
const objectAt = (value: unknown, ...keys: string[]): JsonObject => {
  const node = child(value, ...keys);
  return isObject(node) ? node : {};
};

const reference: unknown = parse(
  readFileSync(new URL('../fixtures/ngrok-ai-gateway.openapi.yaml', import.meta.url), 'utf8'),
);

/** Reference operations Tollgate leaves out on purpose: credits come from operator grants, not Stripe (SPEC §6). */
const notImplemented = {
  paths: ['POST /credits/checkout-session'],
  schemas: ['CheckoutSession', 'CheckoutSessionCreate'],
};

function crud(collection: string, stem: string): Record<string, string> {
  return {
    [`GET ${collection}`]: `List${stem}s`,
    [`HEAD ${collection}`]: `Head${stem}s`,
    [`POST ${collection}`]: `Create${stem}`,
    [`GET ${collection}/{id}`]: `Get${stem}`,
    [`HEAD ${collection}/{id}`]: `Head${stem}`,
    [`PATCH ${collection}/{id}`]: `Update${stem}`,
    [`DELETE ${collection}/{id}`]: `Delete${stem}`,
  };
}

/**
 * Route (method + path template) → the reference operation it implements, whose responses give
 * the schema per status (`default` = Error). `null`: Tollgate's own route, checked against
 * /openapi.json only. A new admin route needs a row here (the last test fails until it has one).
 */
const routes: Record<string, string | null> = {
  ...crud('/access-key-configurations', 'AIGatewayAccessKeyConfiguration'),
  ...crud('/access-keys', 'AIGatewayAccessKey'),
  ...crud('/api-keys', 'AIGatewayAPIKey'),
  ...crud('/provider-keys', 'AIGatewayProviderAPIKey'),
  ...crud('/providers', 'AIGatewayProvider'),
  'POST /provider-keys/{id}/rotate': 'RotateAIGatewayProviderAPIKey',
  'GET /gateway-config': 'GetAIGatewayConfig',
  'HEAD /gateway-config': 'HeadAIGatewayConfig',
  'PATCH /gateway-config': 'UpdateAIGatewayConfig',
  'GET /credits/balance': 'GetCreditBalance',
  'GET /credits/transactions': 'GetCreditTransactions',
  'GET /usage': 'ListAIGatewayUsage',
  'GET /usage/overview': 'GetAIGatewayUsageOverview',
  'GET /usage/requests/{requestId}': null,
  'GET /virtual-models': null,
  'POST /virtual-models': null,
  'GET /virtual-models/{id}': null,
  'HEAD /virtual-models/{id}': null,
  'PATCH /virtual-models/{id}': null,
  'DELETE /virtual-models/{id}': null,
  ...Object.fromEntries(Object.keys(crud('/firewall-policies', 'FirewallPolicy')).map((key) => [key, null])),
  'GET /me': null,
  'GET /accounts': null,
  'POST /accounts': null,
  'GET /accounts/{id}': null,
  'PATCH /accounts/{id}': null,
  'GET /accounts/{id}/api-keys': null,
  'POST /accounts/{id}/api-keys': null,
  'POST /accounts/{id}/credits/grants': null,
  'GET /catalog': null,
  'GET /healthz': null,
  'GET /readyz': null,
  'GET /metrics': null,
  'GET /openapi.json': null,
};
// The admin listener answers HEAD wherever it answers GET; the reference names some of those.
for (const key of Object.keys(routes)) {
  const headKey = key.replace(/^GET /, 'HEAD ');
  if (key.startsWith('GET ') && !(headKey in routes)) routes[headKey] = null;
}

const routeMatchers = Object.keys(routes).map((key) => {
  const [method = '', template = ''] = key.split(' ');
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return { key, method, pattern };
});

function routeOf(method: Method, path: string): string | undefined {
  const pathname = path.split('?')[0] ?? '';
  return routeMatchers.find((route) => route.method === method && route.pattern.test(pathname))?.key;
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a type union, `$ref`s point into the
 * registered document, OpenAPI-only keywords go. `relaxed` lets objects carry fields the schema does
 * not name (the reference, which Tollgate may extend); `strict` refuses them (Tollgate's own document).
 */
function toJsonSchema(node: unknown, documentId: string, mode: 'relaxed' | 'strict'): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, documentId, mode));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'nullable' || key === 'discriminator' || key === 'example' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.replace('#/components/schemas/', `${documentId}#/definitions/`);
    } else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, documentId, mode)]),
      );
    } else {
      out[key] = toJsonSchema(value, documentId, mode);
    }
  }
  if (mode === 'relaxed' && out.additionalProperties === false) delete out.additionalProperties;
  if (mode === 'strict' && isObject(out.properties) && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (node.nullable !== true) return out;
  if (typeof out.type !== 'string') return { anyOf: [out, { type: 'null' }] };
  out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  return out;
}

const addFormats = ('default' in formatsModule ? formatsModule.default : formatsModule) as FormatsPlugin;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('int32', {
  type: 'number',
  validate: (value: number) => Number.isInteger(value) && Math.abs(value) < 2 ** 31,
});
ajv.addFormat('int64', { type: 'number', validate: (value: number) => Number.isSafeInteger(value) });

function registerDocument(kind: DocumentKind, document: unknown): void {
  const schemas = objectAt(document, 'components', 'schemas');
  const mode = kind === 'reference' ? 'relaxed' : 'strict';
  const definitions = Object.fromEntries(
    Object.entries(schemas).map(([name, schema]) => [name, toJsonSchema(schema, `${kind}.json`, mode)]),
  );
  ajv.addSchema({ $id: `${kind}.json`, definitions });
}

/** The operation a document gives for a route, found by operationId (reference) or method + path. */
function operationFor(
  document: unknown,
  routeKey: string,
  operationId: string | null,
): JsonObject | undefined {
  const [method = '', template = ''] = routeKey.split(' ');
  const operation = child(document, 'paths', template, method.toLowerCase());
  if (!isObject(operation)) return undefined;
  if (operationId !== null && operation.operationId !== operationId) return undefined;
  return operation;
}

function responseSchema(document: unknown, operation: JsonObject, status: number): unknown {
  let response = child(operation, 'responses', String(status)) ?? child(operation, 'responses', 'default');
  const pointer = child(response, '$ref');
  if (typeof pointer === 'string') response = child(document, ...pointer.replace('#/', '').split('/'));
  return child(response, 'content', 'application/json', 'schema');
}

const validators = new Map<string, ValidateFunction>();
function validatorFor(kind: DocumentKind, key: string, schema: unknown): ValidateFunction {
  let validate = validators.get(`${kind} ${key}`);
  if (!validate) {
    const converted = toJsonSchema(schema, `${kind}.json`, kind === 'reference' ? 'relaxed' : 'strict');
    validate = ajv.compile(isObject(converted) ? converted : {});
    validators.set(`${kind} ${key}`, validate);
  }
  return validate;
}

interface Reply {
  status: number;
  contentType: string;
  body: unknown;
}

let harness: Harness;
let upstream: FakeUpstream;
let served: unknown;
/** `GET /x/:id` style routes the admin server registered, as `METHOD /x/{id}`. */
let registered: Set<string>;
const exercised = new Set<string>();
const failures: string[] = [];

/** The routes fastify registered, read from its route tree (`printRoutes`, one path segment per node). */
function registeredRoutes(tree: string): Set<string> {
  const found = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^([│ ]*)[├└]── (\S*)(?: \(([A-Z, ]+)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(match[2] ?? '');
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    if (path.startsWith('/ui')) continue;
    for (const method of match[3]?.split(', ') ?? []) found.add(`${method} ${path}`);
  }
  return found;
}

/** Validates one response against both documents; problems are collected and reported per test. */
function check(method: Method, path: string, reply: Reply): void {
  const where = `${method} ${path} → ${reply.status}`;
  const key = routeOf(method, path);
  if (key) exercised.add(key);
  if (method === 'HEAD' || reply.status === 204 || key === 'GET /metrics') {
    if (method === 'HEAD' && reply.body !== undefined) failures.push(`${where}: HEAD answered with a body`);
    return;
  }
  if (!reply.contentType.startsWith('application/json')) {
    failures.push(`${where}: content-type "${reply.contentType}", not JSON`);
    return;
  }
  for (const kind of ['reference', 'tollgate'] as const) {
    const document = kind === 'reference' ? reference : served;
    const operationId = kind === 'reference' && key ? (routes[key] ?? null) : null;
    if (kind === 'reference' && key && operationId === null) continue;
    // A path no route serves (404, or 401 before routing) still answers with the Error body.
    let schema: unknown = { $ref: '#/components/schemas/Error' };
    if (key) {
      const operation = operationFor(document, key, operationId);
      schema = operation ? responseSchema(document, operation, reply.status) : undefined;
      if (!schema) {
        failures.push(`${where}: the ${kind} document has no response for this (${operationId ?? key})`);
        continue;
      }
    }
    const validate = validatorFor(kind, `${key ?? 'unrouted'} ${reply.status}`, schema);
    if (!validate(reply.body)) {
      const errors = (validate.errors ?? []).map((error) => {
        const extra =
          typeof error.params.additionalProperty === 'string' ? ` "${error.params.additionalProperty}"` : '';
        return `${error.instancePath || '(body)'} ${error.message ?? ''}${extra}`;
      });
      failures.push(
        `${where}: not a ${kind} response: ${errors.join('; ')}\n    ${JSON.stringify(reply.body).slice(0, 500)}`,
      );
    }
  }
}

interface CallOptions {
  body?: unknown;
  raw?: string;
  /** Defaults to the bootstrap operator key; `null` sends no Authorization header. */
  token?: string | null | undefined;
}

async function call(
  method: Method,
  path: string,
  expected: number,
  options: CallOptions = {},
): Promise<JsonObject> {
  const token = options.token === undefined ? harness.adminToken : options.token;
  const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${harness.adminUrl}${path}`, { method, headers, body: payload ?? null });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body: unknown = text === '' ? undefined : contentType.includes('json') ? JSON.parse(text) : text;
  check(method, path, { status: response.status, contentType, body });
  expect(response.status, `${method} ${path}: ${text}`).toBe(expected);
  return isObject(body) ? body : {};
}

function idOf(body: JsonObject): string {
  expect(typeof body.id, JSON.stringify(body)).toBe('string');
  return String(body.id);
}

/** What was sent comes back: strings as sent, `null` as cleared (absent or null). Write-only fields excepted. */
function expectEcho(sent: JsonObject, received: JsonObject): void {
  for (const [field, value] of Object.entries(sent)) {
    if (field === 'value' || field === 'accessKeyConfigurationId') continue;
    if (typeof value === 'string') expect(received[field], field).toBe(value);
    if (value === null) expect(received[field] ?? null, field).toBeNull();
  }
}

interface ResourceScenario {
  collection: string;
  envelope: string;
  create(n: number): JsonObject;
  update: JsonObject;
  /** A create body the route must refuse with 400. */
  invalid: JsonObject;
  /** More calls on the first created item. */
  extra?(id: string, created: JsonObject): Promise<void>;
}

const labels = (n: number) => ({
  name: `conformance ${n}`,
  description: 'made by a test',
  metadata: `{"n":${n}}`,
});

const resourceScenarios: ResourceScenario[] = [
  {
    collection: '/api-keys',
    envelope: 'aiGatewayApiKeys',
    create: labels,
    update: { name: 'renamed', description: null },
    invalid: { name: 'x'.repeat(256) },
    async extra(_id, created) {
      const me = await call('GET', '/me', 200, { token: String(created.token) });
      expect(me).toMatchObject({ id: created.id, accountId: created.accountId, isOperator: false });
    },
  },
  {
    collection: '/access-keys',
    envelope: 'aiGatewayAccessKeys',
    create: labels,
    update: { name: 'renamed', metadata: null, accessKeyConfigurationId: null },
    invalid: { accessKeyConfigurationId: 42 },
    async extra(_id, created) {
      const refused = await call('GET', '/me', 401, { token: String(created.token) });
      expect(refused.errorCode).toBe('wrong_key_kind');
    },
  },
  {
    collection: '/provider-keys',
    envelope: 'aiGatewayProviderKeys',
    create: (n) => ({ providerId: 'openai', value: `sk-conformance-${n}-0123456789abcd`, ...labels(n) }),
    update: { name: 'renamed', description: null },
    invalid: { providerId: 'openai', name: 'no value' },
    async extra(id, created) {
      const rotated = await call('POST', `/provider-keys/${id}/rotate`, 200, {
        body: { name: 'rotated', value: 'sk-rotated-0123456789wxyz' },
      });
      expect(rotated).toMatchObject({ id, name: 'rotated', createdAt: created.createdAt });
      expect(rotated.keyRedacted).toMatch(/wxyz$/);
      expect(JSON.stringify(rotated)).not.toContain('sk-rotated-0123456789wxyz');
      await call('POST', `/provider-keys/${id}/rotate`, 400, { body: { value: 'sk-no-name' } });
      const unnamed = await call('PATCH', `/provider-keys/${id}`, 400, { body: { name: null } });
      expect(unnamed).toMatchObject({
        errorCode: 'validation_failed',
        details: { name: 'cannot be cleared' },
      });
      expect(await call('GET', `/provider-keys/${id}`, 200)).toMatchObject({ name: 'rotated' });
      await call('POST', '/provider-keys/aigpk_unknown/rotate', 404, { body: { name: 'x', value: 'sk-x' } });
    },
  },
  {
    collection: '/access-key-configurations',
    envelope: 'aiGatewayAccessKeyConfigurations',
    create: (n) => ({
      ...labels(n),
      access: { providers: { allow: ['openai'] } },
      router: {
        rules: [
          {
            provider: 'openai',
            steps: [
              { type: 'user', keys: [{ name: `inline ${n}`, value: `sk-inline-${n}-0123456789abcd` }] },
            ],
          },
        ],
      },
      limits: { requestsPerMinute: 60, spend: { amountCents: 500, period: 'month' } },
    }),
    update: { description: null, limits: null },
    invalid: { name: '' },
    async extra(id, created) {
      const key = await call('POST', '/access-keys', 201, {
        body: { name: 'scoped', accessKeyConfigurationId: id },
      });
      expect(key.accessKeyConfiguration).toMatchObject({ id, name: created.name });
      await call('DELETE', `/access-key-configurations/${id}`, 409);
      await call('DELETE', `/access-keys/${idOf(key)}`, 204);
    },
  },
  {
    collection: '/firewall-policies',
    envelope: 'firewallPolicies',
    create: (n) => ({
      name: `conformance ${n}`,
      description: 'made by a test',
      mode: n === 1 ? 'enforce' : 'dry_run',
      rules: [
        { name: 'no-shell', stages: ['request', 'response'], tools: ['shell*'], action: 'block' },
        { name: 'no-rm', stages: ['response'], argumentsPattern: 'rm\\s+-rf', action: 'block' },
        { name: 'hide-admin', stages: ['request'], tools: ['admin_?'], action: 'strip' },
      ],
    }),
    update: { description: null, mode: 'dry_run', rules: [] },
    invalid: {
      name: 'bad',
      rules: [{ name: 'r', stages: ['response'], argumentsPattern: '(a', action: 'block' }],
    },
    async extra(id) {
      const configuration = await call('POST', '/access-key-configurations', 201, {
        body: { name: 'firewalled', firewallPolicyId: id },
      });
      expect(configuration.firewallPolicy).toMatchObject({ id });
      await call('DELETE', `/firewall-policies/${id}`, 409);
      await call('PATCH', `/access-key-configurations/${idOf(configuration)}`, 200, {
        body: { firewallPolicyId: null },
      });
      await call('DELETE', `/access-key-configurations/${idOf(configuration)}`, 204);
    },
  },
  {
    collection: '/providers',
    envelope: 'aiGatewayProviders',
    create: (n) => ({
      providerId: `conformance-${n}`,
      name: `conformance ${n}`,
      baseUrl: 'https://llm.example.test/v1',
      metadata: 'custom',
      supportedApiSurfaces: [{ format: 'openai', surface: 'chat-completions' }],
      models: [{ modelId: 'llama-3' }],
    }),
    update: { name: 'renamed', metadata: null, models: [] },
    invalid: { name: 'no base URL' },
  },
  {
    collection: '/virtual-models',
    envelope: 'aiGatewayVirtualModels',
    create: (n) => ({
      name: `conformance-${n}`,
      description: 'made by a test',
      targets: [{ model: 'openai:gpt-4o-mini' }, { model: 'claude-sonnet-5' }],
    }),
    update: { name: 'renamed', description: null, targets: [{ model: 'gpt-4o' }] },
    invalid: { name: 'not a name!', targets: [{ model: 'gpt-4o' }] },
    async extra() {
      await call('POST', '/virtual-models', 400, { body: { name: 'no targets', targets: [] } });
    },
  },
];

/** Create two, page through with `limit=1`, read, HEAD, patch, refuse bad input, delete; every reply checked. */
async function exerciseResource(scenario: ResourceScenario): Promise<void> {
  const { collection, envelope } = scenario;
  const first = await call('POST', collection, 201, { body: scenario.create(1) });
  const second = await call('POST', collection, 201, { body: scenario.create(2) });
  expectEcho(scenario.create(1), first);
  const [a, b] = [idOf(first), idOf(second)];

  const seen: string[] = [];
  let next: string | null = `${collection}?limit=1`;
  while (next !== null && seen.length < 50) {
    const page = await call('GET', next, 200);
    const items = Array.isArray(page[envelope]) ? (page[envelope] as unknown[]) : [];
    expect(items.length).toBeLessThanOrEqual(1);
    seen.push(...items.map((item) => idOf(isObject(item) ? item : {})));
    const uri = page.nextPageUri;
    if (typeof uri === 'string') expect(uri.startsWith(`${harness.adminUrl}${collection}?`), uri).toBe(true);
    next = typeof uri === 'string' ? uri.slice(harness.adminUrl.length) : null;
  }
  expect(seen).toEqual([...seen].sort().reverse());
  expect(seen.indexOf(b)).toBeGreaterThanOrEqual(0);
  expect(seen.indexOf(a)).toBeGreaterThan(seen.indexOf(b));
  await call('HEAD', collection, 200);
  await call('GET', `${collection}?limit=0`, 400);
  await call('GET', `${collection}?limit=101`, 400);

  expect(await call('GET', `${collection}/${a}`, 200)).toMatchObject({ id: a });
  await call('HEAD', `${collection}/${a}`, 200);
  expectEcho(scenario.update, await call('PATCH', `${collection}/${a}`, 200, { body: scenario.update }));
  await call('PATCH', `${collection}/${a}`, 400, { body: { notAField: true } });
  await call('POST', collection, 400, { body: scenario.invalid });
  await call('POST', collection, 400, { raw: '{"name":' });
  await scenario.extra?.(a, first);

  await call('DELETE', `${collection}/${b}`, 204);
  await call('GET', `${collection}/${b}`, 404);
  await call('HEAD', `${collection}/${b}`, 404);
  await call('PATCH', `${collection}/${b}`, 404, { body: scenario.update });
  await call('DELETE', `${collection}/${b}`, 404);
  await call('DELETE', `${collection}/${a}`, 204);
}

interface Step {
  method: Method;
  /** `{name}` is replaced by the id an earlier step saved under that name. */
  path: string;
  status: number;
  body?: unknown;
  /** Saves the reply's `id` (and `token`, as `name.token`) for later steps. */
  save?: string;
  /** Calls with the token saved under this name; `null` sends none. */
  as?: string | null;
}

const since = '2020-01-01T00:00:00Z';

/** Routes outside the CRUD resources. Every GET is repeated as HEAD. An unregistered one fails the test. */
const steps: Step[] = [
  { method: 'GET', path: '/me', status: 200 },
  { method: 'GET', path: '/gateway-config', status: 200 },
  {
    method: 'PATCH',
    path: '/gateway-config',
    status: 200,
    body: { perRequestTimeout: '30s', maxInputTokens: 1000, metadata: 'm' },
  },
  {
    method: 'PATCH',
    path: '/gateway-config',
    status: 200,
    body: { perRequestTimeout: null, maxInputTokens: null, metadata: null },
  },
  { method: 'PATCH', path: '/gateway-config', status: 400, body: { totalTimeout: 'soon' } },
  { method: 'PATCH', path: '/gateway-config', status: 400, body: { captureRetention: '30s' } },
  { method: 'GET', path: '/credits/balance', status: 200 },
  { method: 'GET', path: '/credits/transactions', status: 200 },
  { method: 'GET', path: `/usage?startTime=${since}&includeRetries=true&limit=1`, status: 200 },
  { method: 'GET', path: `/usage?startTime=${since}&firewallDecision=blocked`, status: 200 },
  { method: 'GET', path: `/usage?startTime=${since}&firewallDecision=maybe`, status: 400 },
  { method: 'GET', path: '/usage', status: 400 },
  { method: 'GET', path: `/usage/overview?startTime=${since}&groupBy=accessKey`, status: 200 },
  { method: 'GET', path: `/usage/overview?startTime=${since}&groupBy=model`, status: 200 },
  { method: 'GET', path: '/usage/requests/{request}', status: 200 },
  { method: 'GET', path: '/usage/requests/rq_unknown', status: 404 },
  { method: 'POST', path: '/accounts', status: 201, body: { name: 'conformance' }, save: 'account' },
  { method: 'POST', path: '/accounts', status: 400, body: {} },
  { method: 'GET', path: '/accounts?limit=1', status: 200 },
  { method: 'GET', path: '/accounts/{account}', status: 200 },
  { method: 'PATCH', path: '/accounts/{account}', status: 200, body: { name: 'renamed' } },
  { method: 'PATCH', path: '/accounts/{account}', status: 400, body: { name: '' } },
  { method: 'GET', path: '/accounts/acct_unknown', status: 404 },
  { method: 'GET', path: '/catalog', status: 200 },
  {
    method: 'POST',
    path: '/accounts/{account}/api-keys',
    status: 201,
    body: { name: 'tenant' },
    save: 'tenant',
  },
  { method: 'GET', path: '/accounts/{account}/api-keys', status: 200 },
  {
    method: 'POST',
    path: '/accounts/{account}/credits/grants',
    status: 201,
    body: { amountCents: 500, category: 'promotional' },
  },
  {
    method: 'POST',
    path: '/accounts/{account}/credits/grants',
    status: 400,
    body: { amountCents: -1, category: 'gift' },
  },
  {
    method: 'POST',
    path: '/accounts/{account}/credits/grants',
    status: 201,
    body: { amountCents: 100, category: 'purchase', expiresAt: null },
  },
  {
    method: 'POST',
    path: '/accounts/{account}/credits/grants',
    status: 400,
    body: { amountCents: 100, category: 'purchase', expiresAt: 'next year' },
  },
  { method: 'GET', path: '/me', status: 200, as: 'tenant' },
  { method: 'GET', path: '/credits/balance', status: 200, as: 'tenant' },
  { method: 'GET', path: '/credits/transactions', status: 200, as: 'tenant' },
  { method: 'GET', path: '/accounts', status: 404, as: 'tenant' },
  { method: 'GET', path: '/healthz', status: 200, as: null },
  { method: 'GET', path: '/readyz', status: 200, as: null },
  { method: 'GET', path: '/metrics', status: 200, as: null },
];

/** One chat request through the gateway that fails over once (the fake upstream refuses `sk-test-fail-500` keys). */
async function sendTraffic(): Promise<string> {
  const keys: { id: string }[] = [];
  for (const value of ['sk-test-fail-500-0123456789', 'sk-test-good-key-0123456789']) {
    const created = await call('POST', '/provider-keys', 201, {
      body: { providerId: 'openai', name: 'traffic', value },
    });
    keys.push({ id: idOf(created) });
  }
  const router = { rules: [{ provider: 'openai', steps: [{ type: 'user', keys }] }] };
  const configuration = await call('POST', '/access-key-configurations', 201, {
    body: { name: 'traffic', router },
  });
  const key = await call('POST', '/access-keys', 201, {
    body: { name: 'traffic', accessKeyConfigurationId: idOf(configuration) },
  });
  // Captured, so that GET /usage/requests/{id} shows its `capture` too.
  await call('PATCH', '/gateway-config', 200, { body: { captureBodies: true, captureRetention: '24h' } });
  const response = await fetch(`${harness.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${String(key.token)}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  expect(response.status, await response.text()).toBe(200);
  expect(response.headers.get('tollgate-attempts')).toBe('2');
  await call('PATCH', '/gateway-config', 200, { body: { captureBodies: null, captureRetention: null } });
  return response.headers.get('tollgate-request-id') ?? '';
}

async function runSteps(): Promise<string[]> {
  const saved = new Map<string, string>([['request', await sendTraffic()]]);
  const skipped: string[] = [];
  for (const step of steps) {
    const path = step.path.replace(/\{(\w+)\}/g, (_text, name: string) => saved.get(name) ?? `{${name}}`);
    const key = routeOf(step.method, path);
    if (path.includes('{') || !key || !registered.has(key)) {
      skipped.push(`${step.method} ${step.path}`);
      continue;
    }
    const token = step.as === null ? null : step.as === undefined ? undefined : saved.get(`${step.as}.token`);
    const body = await call(step.method, path, step.status, { body: step.body, token });
    if (step.save) {
      saved.set(step.save, idOf(body));
      if (typeof body.token === 'string') saved.set(`${step.save}.token`, body.token);
    }
    if (step.method === 'GET' && registered.has(`HEAD ${key.slice(4)}`)) {
      await call('HEAD', path, step.status, { token });
    }
    // The next page of a list (`/usage` pages with a cursor) must conform as well.
    if (typeof body.nextPageUri === 'string') {
      await call('GET', body.nextPageUri.slice(harness.adminUrl.length), 200, { token });
    }
  }
  return skipped;
}

beforeAll(async () => {
  upstream = await startFakeUpstream();
  harness = await startHarness({
    upstreamUrl: upstream.url,
    dialect: 'sqlite',
    env: { TOLLGATE_UPSTREAM_ALLOWLIST: 'llm.example.test' },
  });
  registered = registeredRoutes(harness.tollgate.admin.printRoutes({ commonPrefix: false }));
  registerDocument('reference', reference);
  served = await (await fetch(`${harness.adminUrl}/openapi.json`)).json();
  registerDocument('tollgate', served);
});

afterAll(async () => {
  await harness?.close();
  await upstream?.close();
});

afterEach(() => {
  expect(failures.splice(0), 'responses that do not conform').toEqual([]);
});

const asStrings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
const shape = (schema: unknown) =>
  JSON.stringify(
    ['type', 'format', '$ref', 'allOf']
      .map((keyword) => child(schema, keyword))
      .concat(child(schema, 'items', 'type') ?? null, child(schema, 'items', '$ref') ?? null),
  );

function documentedRoutes(document: unknown): Set<string> {
  const found = new Set<string>();
  for (const [path, item] of Object.entries(objectAt(document, 'paths'))) {
    for (const method of Object.keys(objectAt(item))) {
      if (method !== 'parameters') found.add(`${method.toUpperCase()} ${path}`);
    }
  }
  return found;
}

describe('the management API conforms to the reference OpenAPI document', () => {
  it('serves /openapi.json without an API key, built once', async () => {
    const document = await call('GET', '/openapi.json', 200, { token: null });
    await call('HEAD', '/openapi.json', 200, { token: null });
    expect(document).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(buildOpenApiDocument()).toBe(buildOpenApiDocument());
    expect(document.openapi).toBe('3.0.3');
  });

  it('documents every route the admin server registers', () => {
    expect(registered.has('PATCH /api-keys/{id}'), 'the route tree was read').toBe(true);
    const documented = documentedRoutes(served);
    expect([...registered].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('registers every route the document describes', () => {
    const documented = documentedRoutes(served);
    expect([...documented].filter((route) => !registered.has(route))).toEqual([]);
  });

  it('keeps every reference path, operation id, schema and field, with the same types', () => {
    const problems: string[] = [];
    const ours = documentedRoutes(served);
    for (const route of documentedRoutes(reference)) {
      if (notImplemented.paths.includes(route)) continue;
      const [method = '', path = ''] = route.split(' ');
      const id = (document: unknown) => child(document, 'paths', path, method.toLowerCase(), 'operationId');
      if (!ours.has(route) || id(served) !== id(reference)) {
        problems.push(`${route}: ${String(id(served))}, reference ${String(id(reference))}`);
      }
    }
    for (const [name, schema] of Object.entries(objectAt(reference, 'components', 'schemas'))) {
      if (notImplemented.schemas.includes(name)) continue;
      const mine = child(served, 'components', 'schemas', name);
      if (!isObject(mine)) {
        problems.push(`schema ${name} is missing`);
        continue;
      }
      const required = new Set(asStrings(child(mine, 'required')));
      for (const field of asStrings(child(schema, 'required'))) {
        if (!required.has(field)) problems.push(`${name}.${field} is not required`);
      }
      for (const [field, definition] of Object.entries(objectAt(schema, 'properties'))) {
        const own = child(mine, 'properties', field);
        if (shape(own) !== shape(definition)) {
          problems.push(`${name}.${field}: ${shape(own)}, reference ${shape(definition)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('compiles every schema of /openapi.json and resolves every $ref', () => {
    for (const name of Object.keys(objectAt(served, 'components', 'schemas'))) {
      expect(ajv.getSchema(`tollgate.json#/definitions/${name}`), name).toBeTypeOf('function');
    }
    const pointers = JSON.stringify(served).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const pointer of new Set(pointers)) {
      const target = child(served, ...pointer.slice(10, -1).split('/'));
      expect(isObject(target), pointer).toBe(true);
    }
  });

  for (const scenario of resourceScenarios) {
    it(`${scenario.collection}: create, page, read, HEAD, patch, delete and their errors conform`, async () => {
      expect(registered.has(`POST ${scenario.collection}`), `POST ${scenario.collection} is registered`).toBe(
        true,
      );
      await exerciseResource(scenario);
    });
  }

  it('the other routes conform (settings, credits, usage, accounts, health)', async () => {
    // A documented route the server does not register fails here, never skips.
    expect(await runSteps(), 'routes in the steps that the server does not register').toEqual([]);
  });

  it('authentication and routing errors conform', async () => {
    await call('GET', '/api-keys', 401, { token: null });
    await call('HEAD', '/api-keys', 401, { token: null });
    await call('GET', '/api-keys', 401, { token: `tgapi-nosuchkey0000-g1-${'a'.repeat(43)}` });
    await call('GET', '/me', 401, { token: 'not-a-token' });
    await call('GET', '/no-such-route', 404);
    const created = await call('POST', '/api-keys', 201, { body: { name: 'short-lived' } });
    await call('DELETE', `/api-keys/${idOf(created)}`, 204);
    const refused = await call('GET', '/me', 401, { token: String(created.token) });
    expect(refused.errorCode).toBe('unauthorized');
  });

  it('has a row for every registered route and exercised each one', (context) => {
    expect(
      [...registered].filter((route) => !(route in routes)),
      'routes without a row',
    ).toEqual([]);
    // Runs last; in a filtered run (`-t`) the scenarios above did not run, so there is nothing to count.
    if (exercised.size === 0) context.skip();
    expect(
      [...registered].filter((route) => !exercised.has(route)),
      'routes never called',
    ).toEqual([]);
  });
});
