import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/server.js';
import { dialects } from '../helpers/databases.js';
import { createAccessKey, createConfiguration, createProviderKeys } from '../helpers/gateway-client.js';
import { type Harness, startHarness } from '../helpers/tollgate-harness.js';
import { FuzzReport, fuzzRuns, fuzzSeed, gatewayErrorShapeProblem } from './fuzz-report.js';
import { bodyText, headerText, modelName } from './gateway-arbitraries.js';

const postPaths = [
  '/v1/chat/completions',
  '/v1/completions',
  '/v1/embeddings',
  '/v1/responses',
  '/v1/messages',
  '/v1/messages/count_tokens',
];

const credentialKinds = ['key', 'limited', 'x-api-key', 'none', 'garbage', 'api-key', 'revoked'] as const;

/**
 * Issue 13: generated requests against every gateway route, on both databases. For each: no
 * 5xx that Tollgate itself caused (a 5xx must come from an upstream attempt), an error body of
 * the route's shape with a registry code, a request id, at most one upstream attempt for a
 * request refused with a 4xx, a bounded error body; and at the end, a process still serving.
 * The seed is printed; TOLLGATE_FUZZ_SEED=<seed> replays a run, TOLLGATE_FUZZ_RUNS sets its size.
 */
describe.each(dialects)('gateway fuzz (%s)', (dialect) => {
  let upstream: FakeUpstream;
  let harness: Harness;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    // A fee and an input cap make every request run the credit hold and the tokenizer.
    harness = await startHarness({
      dialect,
      upstreamUrl: upstream.url,
      env: { TOLLGATE_FEE_PER_MTOK_USD: '0.05', TOLLGATE_LOG_LEVEL: 'warn' },
    });
    await createProviderKeys(harness, 'openai', ['sk-openai-fuzz-0000']);
    await createProviderKeys(harness, 'anthropic', ['sk-ant-fuzz-0000']);
    await harness.admin('PATCH', '/gateway-config', { maxInputTokens: 1_000_000 });
    const me = await harness.admin<{ accountId: string }>('GET', '/me');
    await harness.admin('POST', `/accounts/${me.body.accountId}/credits/grants`, {
      amountCents: 10_000_000,
      category: 'purchase',
    });
    tokens.set('key', (await createAccessKey(harness)).token);
    const limited = await createConfiguration(harness, {
      access: { models: { allow: ['gpt-4o', 'claude-sonnet-5', 'openai:gpt-4o-mini'] } },
      limits: { requestsPerMinute: 1_000_000, tokensPerMinute: 1_000_000_000 },
    });
    tokens.set('limited', (await createAccessKey(harness, limited)).token);
    const revoked = await createAccessKey(harness);
    await harness.admin('DELETE', `/access-keys/${revoked.id}`);
    tokens.set('revoked', revoked.token);
  });
  afterAll(async () => {
    await harness?.close();
    await upstream?.close();
  });

  const headersFor = (credential: (typeof credentialKinds)[number], contentType: string, extra: string) => {
    const headers: Record<string, string> = {};
    if (contentType !== '') headers['content-type'] = contentType;
    const token = tokens.get(credential === 'x-api-key' ? 'key' : credential);
    if (credential === 'x-api-key' && token) headers['x-api-key'] = token;
    else if (token) headers.authorization = `Bearer ${token}`;
    else if (credential === 'garbage') headers.authorization = `Bearer ${extra}`;
    else if (credential === 'api-key') headers.authorization = `Bearer ${harness.adminToken}`;
    if (extra !== '') headers['anthropic-version'] = extra;
    return headers;
  };

  const request = fc.record({
    route: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...postPaths).map((path) => ({ method: 'POST', path })) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(fc.constantFrom('', '?limit=5', '?x=%00%0d%0a'), fc.option(modelName))
          .map(([query, model]) => ({
            method: 'GET',
            path: `/v1/models${model === null ? '' : `/${encodeURIComponent(model)}`}${query}`,
          })),
      },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.constantFrom('GET', 'PUT', 'DELETE', 'PATCH', 'POST'), fc.string({ maxLength: 20 }))
          .map(([method, tail]) => ({ method, path: `/v1/${encodeURIComponent(tail)}` })),
      },
    ),
    credential: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('key', 'limited', 'x-api-key') },
      fc.constantFrom(...credentialKinds),
    ),
    contentType: fc.oneof(
      { weight: 10, arbitrary: fc.constant('application/json') },
      fc.constantFrom(
        '',
        'text/plain',
        'application/json; charset=utf-8',
        'application/x-www-form-urlencoded',
      ),
    ),
    extraHeader: fc.oneof({ weight: 4, arbitrary: fc.constant('') }, headerText),
    body: bodyText,
  });

  it('answers every generated request without a 5xx of its own, in the right shape', async () => {
    const seed = fuzzSeed();
    const report = new FuzzReport(`gateway on ${dialect}`);
    console.log(`[fuzz] gateway on ${dialect}: seed ${seed} (replay with TOLLGATE_FUZZ_SEED=${seed})`);
    try {
      await fc.assert(
        fc.asyncProperty(request, async ({ route, credential, contentType, extraHeader, body }) => {
          upstream.reset();
          const headers = headersFor(credential, contentType, extraHeader);
          const response = await fetch(`${harness.gatewayUrl}${route.path}`, {
            method: route.method,
            headers,
            body: route.method === 'GET' ? null : body,
          });
          const text = await response.text();
          const attempts = upstream.requests.length;
          report.count(response.status);
          expect(response.headers.get('tollgate-request-id')).toMatch(/^rq_/);
          if (response.status >= 500 && response.status !== 508 && attempts === 0) report.ownServerErrors++;
          expect(response.status, text).not.toBe(500);
          // A 5xx is the upstream's (it was reached), or a loop refused (508): never Tollgate's own.
          if (response.status >= 500 && response.status !== 508) expect(attempts, text).toBeGreaterThan(0);
          if (response.status >= 400) {
            const problem = gatewayErrorShapeProblem(route.path, JSON.parse(text), headers, attempts > 0);
            expect(problem, text).toBeUndefined();
            expect(text.length).toBeLessThan(16_384);
          }
          // Refused input is never retried: one attempt at most (the provider's own refusal).
          if (response.status >= 400 && response.status < 500) expect(attempts).toBeLessThanOrEqual(1);
        }),
        { numRuns: fuzzRuns(1_500), seed, endOnFailure: true },
      );
    } finally {
      report.print(seed);
    }
    // The process is still serving, and logged no internal error.
    expect((await fetch(`${harness.gatewayUrl}/healthz`)).status).toBe(200);
    expect(harness.logs.join('')).not.toMatch(/gateway request failed/);
    expect(report.ownServerErrors).toBe(0);
  }, 600_000);
});
