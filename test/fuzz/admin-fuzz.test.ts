import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../helpers/databases.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { adminErrorShapeProblem, FuzzReport, fuzzRuns, fuzzSeed } from './fuzz-report.js';
import { headerText } from './gateway-arbitraries.js';

/** Every management route, `{id}` filled from real ids or generated text. */
const routes: ReadonlyArray<readonly [string, string]> = [
  ['GET', '/access-keys'],
  ['POST', '/access-keys'],
  ['GET', '/access-keys/{id}'],
  ['PATCH', '/access-keys/{id}'],
  ['DELETE', '/access-keys/{id}'],
  ['GET', '/access-key-configurations'],
  ['POST', '/access-key-configurations'],
  ['GET', '/access-key-configurations/{id}'],
  ['PATCH', '/access-key-configurations/{id}'],
  ['DELETE', '/access-key-configurations/{id}'],
  ['GET', '/provider-keys'],
  ['POST', '/provider-keys'],
  ['GET', '/provider-keys/{id}'],
  ['PATCH', '/provider-keys/{id}'],
  ['POST', '/provider-keys/{id}/rotate'],
  ['DELETE', '/provider-keys/{id}'],
  ['GET', '/providers'],
  ['POST', '/providers'],
  ['GET', '/providers/{id}'],
  ['PATCH', '/providers/{id}'],
  ['DELETE', '/providers/{id}'],
  ['GET', '/firewall-policies'],
  ['POST', '/firewall-policies'],
  ['GET', '/firewall-policies/{id}'],
  ['PATCH', '/firewall-policies/{id}'],
  ['DELETE', '/firewall-policies/{id}'],
  ['GET', '/api-keys'],
  ['POST', '/api-keys'],
  ['GET', '/api-keys/{id}'],
  ['PATCH', '/api-keys/{id}'],
  ['DELETE', '/api-keys/{id}'],
  ['GET', '/me'],
  ['GET', '/gateway-config'],
  ['PATCH', '/gateway-config'],
  ['GET', '/usage'],
  ['GET', '/usage/overview'],
  ['GET', '/usage/requests/{id}'],
  ['GET', '/credits/balance'],
  ['GET', '/credits/transactions'],
  ['GET', '/accounts'],
  ['POST', '/accounts'],
  ['GET', '/accounts/{id}'],
  ['PATCH', '/accounts/{id}'],
  ['GET', '/accounts/{id}/api-keys'],
  ['POST', '/accounts/{id}/api-keys'],
  ['POST', '/accounts/{id}/credits/grants'],
  ['GET', '/healthz'],
  ['GET', '/readyz'],
  ['GET', '/openapi.json'],
  ['PUT', '/access-keys'],
  ['GET', '/no-such-route'],
];

/** Values for any field: right types, wrong types, edge numbers, long and odd text. */
const wildValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ minLength: 300, maxLength: 3_000 }),
  fc.integer(),
  fc.constantFrom(0, -1, 1e18, 2 ** 53, 1.5, 1e308),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    'day',
    'week',
    'month',
    'total',
    'purchase',
    'promotional',
    'openai',
    'anthropic',
    'user',
    'ngrok',
  ),
  fc.constantFrom(
    'https://10.0.0.1/v1',
    'https://[2002:7f00:1::]/v1',
    'http://127.0.0.1:1',
    'not a url',
    '30s',
    '1ns',
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

const adminBody = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        name: wildValue,
        description: wildValue,
        metadata: wildValue,
        providerId: wildValue,
        value: wildValue,
        baseUrl: wildValue,
        models: fc.oneof(fc.array(wildValue, { maxLength: 3 }), wildValue),
        supportedApiSurfaces: fc.oneof(
          fc.array(fc.constantFrom('openai', 'anthropic', 'x'), { maxLength: 3 }),
          wildValue,
        ),
        accessKeyConfigurationId: wildValue,
        access: fc.oneof(
          fc.record({ providers: fc.record({ allow: fc.array(wildValue, { maxLength: 3 }) }) }),
          wildValue,
        ),
        router: fc.oneof(
          fc.record({
            rules: fc.array(
              fc.record({
                provider: wildValue,
                model: wildValue,
                steps: fc.array(wildValue, { maxLength: 2 }),
              }),
              { maxLength: 2 },
            ),
          }),
          wildValue,
        ),
        limits: fc.oneof(
          fc.record({ requestsPerMinute: wildValue, tokensPerMinute: wildValue, spend: wildValue }),
          wildValue,
        ),
        amountCents: wildValue,
        category: wildValue,
        expiresAt: wildValue,
        perRequestTimeout: wildValue,
        totalTimeout: wildValue,
        maxInputTokens: wildValue,
        maxOutputTokens: wildValue,
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const query = fc
  .dictionary(
    fc.constantFrom(
      'limit',
      'beforeId',
      'startTime',
      'endTime',
      'groupBy',
      'accessKeyId',
      'provider',
      'model',
      'x',
    ),
    fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.constantFrom('0', '-1', '101', '1e18', '2026-13-45', 'day', ''),
    ),
    { maxKeys: 3 },
  )
  .map((entries) => {
    const text = new URLSearchParams(entries).toString();
    return text === '' ? '' : `?${text}`;
  });

/**
 * Issue 13: generated bodies, query strings and ids for every management route, on both
 * databases: no 5xx, `{errorCode, statusCode, msg, details}` with a registry code on every
 * error, a request id on every answer, bounded error bodies, and a process still serving.
 */
describe.each(dialects)('admin fuzz (%s)', (dialect) => {
  let harness: Harness;
  const ids: string[] = [];

  beforeAll(async () => {
    harness = await startHarness({ dialect, env: { TOLLGATE_LOG_LEVEL: 'warn' } });
    const [providerKeyId] = await createProviderKeys(harness, 'openai', ['sk-openai-fuzz-0000']);
    const configurationId = await createConfiguration(harness, { limits: { requestsPerMinute: 10 } });
    const accessKey = await createAccessKey(harness, configurationId);
    const me = await harness.admin<{ accountId: string }>('GET', '/me');
    const apiKey = await harness.admin<{ id: string }>('POST', '/api-keys', { name: 'other' });
    const policy = await harness.admin<{ id: string }>('POST', '/firewall-policies', {
      name: 'fuzz',
      rules: [{ name: 'r', stages: ['response'], argumentsPattern: '(a+)+$', action: 'block' }],
    });
    ids.push(
      providerKeyId ?? '',
      configurationId,
      accessKey.id,
      me.body.accountId,
      apiKey.body.id,
      policy.body.id,
    );
  });
  afterAll(async () => {
    await harness?.close();
  });

  const request = fc.record({
    route: fc.constantFrom(...routes),
    id: fc.oneof(
      // Real ids, read when a case is generated (they are created in beforeAll).
      { weight: 3, arbitrary: fc.constant(null).chain(() => fc.constantFrom(...ids)) },
      fc.string({ maxLength: 40 }),
      fc.constantFrom('aigk_00000000000000000000000000', 'acct_nope', '..', '%00', 'a'.repeat(2_000)),
    ),
    query,
    body: adminBody,
    contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, headerText),
    authorized: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, fc.constant(false)),
  });

  it('answers every generated request without a 5xx, in the reference error shape', async () => {
    const seed = fuzzSeed();
    const report = new FuzzReport(`admin on ${dialect}`);
    console.log(`[fuzz] admin on ${dialect}: seed ${seed} (replay with TOLLGATE_FUZZ_SEED=${seed})`);
    try {
      await fc.assert(
        fc.asyncProperty(request, async ({ route, id, query: search, body, contentType, authorized }) => {
          const [method, template] = route;
          const path = template.replace('{id}', encodeURIComponent(id));
          const sendsBody = method !== 'GET' && method !== 'DELETE' && body !== undefined;
          const headers: Record<string, string> = {};
          if (authorized) headers.authorization = `Bearer ${harness.adminToken}`;
          if (sendsBody && contentType !== '') headers['content-type'] = contentType;
          const response = await fetch(`${harness.adminUrl}${path}${search}`, {
            method,
            headers,
            body: sendsBody ? JSON.stringify(body) : null,
          });
          const text = await response.text();
          report.count(response.status);
          if (response.status >= 500 && !(response.status === 503 && path === '/readyz'))
            report.ownServerErrors++;
          expect(response.headers.get('tollgate-request-id')).toMatch(/^rq_/);
          expect(response.status, `${method} ${path}: ${text}`).toBeLessThan(500);
          if (response.status >= 400) {
            expect(adminErrorShapeProblem(response.status, JSON.parse(text)), text).toBeUndefined();
            expect(text.length).toBeLessThan(16_384);
          }
        }),
        { numRuns: fuzzRuns(1_000), seed, endOnFailure: true },
      );
    } finally {
      report.print(seed);
    }
    expect((await fetch(`${harness.adminUrl}/healthz`)).status).toBe(200);
    expect(harness.logs.join('')).not.toMatch(/admin request failed/);
  }, 600_000);
});
