/**
 * OpenTelemetry traces from the compiled server to a small OTLP/HTTP receiver: one SERVER span per
 * gateway request (child of the client's traceparent), one CLIENT span per upstream attempt (whose
 * context went upstream as traceparent), the GenAI attributes, and no content or secret anywhere.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASE_INPUT_TOKENS,
  type FakeUpstream,
  OUTPUT_TOKENS,
  startFakeUpstream,
} from '../fake-upstream/server.js';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';

interface OtlpValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: OtlpValue }[];
}
interface OtlpExport {
  resourceSpans: {
    resource: { attributes: { key: string; value: OtlpValue }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

const SERVER = 2;
const CLIENT = 3;
const prompt = 'The prompt is private: purple elephant 4417';
const clientTraceId = '4bf92f3577b34da6a3ce929d0e0e4736';
const clientSpanId = '00f067aa0ba902b7';

/** The receiver: keeps each POST's content type and body. */
function startReceiver(): Promise<{ server: Server; url: string; bodies: { type: string; body: Buffer }[] }> {
  const bodies: { type: string; body: Buffer }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/v1/traces')
        bodies.push({ type: request.headers['content-type'] ?? '', body: Buffer.concat(chunks) });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies });
    });
  });
}

function attribute(span: OtlpSpan, key: string): string | number | boolean | undefined {
  const value = span.attributes.find((entry) => entry.key === key)?.value;
  if (value === undefined) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.doubleValue ?? value.boolValue;
}

async function admin(
  tollgate: TollgateProcess,
  path: string,
  body: unknown,
): Promise<Record<string, string>> {
  const response = await fetch(`${tollgate.adminUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bootstrapToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Record<string, string>;
}

describe.each(['http/json', 'http/protobuf'] as const)('tracing over OTLP %s', (protocol) => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let upstream: FakeUpstream;
  let database: TestDatabase;
  let accessKey: Record<string, string>;
  let requestId: string;
  const secrets = ['sk-fail-500-first-key-0001', 'sk-second-key-0002'];

  beforeAll(async () => {
    receiver = await startReceiver();
    upstream = await startFakeUpstream();
    database = await createTestDatabase('sqlite');
    const tollgate = await startTollgateProcess({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
      TOLLGATE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
      TOLLGATE_PROVIDER_OPENAI_BASE_URL: `${upstream.url}/v1`,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_SERVICE_NAME: 'tollgate-under-test',
    });
    // Two keys in creation order: the first answers 500, so the request fails over to the second.
    for (const [index, value] of secrets.entries()) {
      await admin(tollgate, '/provider-keys', { providerId: 'openai', name: `key-${index}`, value });
    }
    accessKey = await admin(tollgate, '/access-keys', { name: 'traced' });
    upstream.reset();
    const response = await fetch(`${tollgate.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${accessKey.token}`,
        'content-type': 'application/json',
        traceparent: `00-${clientTraceId}-${clientSpanId}-01`,
      },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: prompt }] }),
    });
    expect(response.status).toBe(200);
    requestId = response.headers.get('tollgate-request-id') ?? '';
    await response.text();
    // A graceful stop exports what the batch processor holds.
    await tollgate.stop('SIGTERM');
  });

  afterAll(async () => {
    receiver.server.close();
    await upstream.close();
    await database.drop();
  });

  it('exports with the protocol asked for, without content or secrets', () => {
    expect(receiver.bodies.length).toBeGreaterThan(0);
    const expectedType = protocol === 'http/json' ? 'application/json' : 'application/x-protobuf';
    for (const { type } of receiver.bodies) expect(type).toContain(expectedType);
    const everything = Buffer.concat(receiver.bodies.map(({ body }) => body)).toString('latin1');
    // Protobuf keeps strings as UTF-8 bytes, so the request id is readable in either encoding.
    expect(everything).toContain(requestId);
    for (const forbidden of [
      prompt,
      'purple elephant',
      'Hello from',
      accessKey.token!,
      bootstrapToken,
      ...secrets,
    ]) {
      expect(everything).not.toContain(forbidden);
    }
  });

  it.runIf(protocol === 'http/json')(
    'links the request span to the client trace, and an attempt span per upstream call to it',
    () => {
      const exports = receiver.bodies.map(({ body }) => JSON.parse(body.toString('utf8')) as OtlpExport);
      const service = exports[0]?.resourceSpans[0]?.resource.attributes.find(
        (entry) => entry.key === 'service.name',
      );
      expect(service?.value.stringValue).toBe('tollgate-under-test');
      const spans = exports.flatMap((exported) =>
        exported.resourceSpans.flatMap((resource) => resource.scopeSpans.flatMap((scope) => scope.spans)),
      );
      const server = spans.filter((span) => span.kind === SERVER);
      expect(server).toHaveLength(1);
      const request = server[0]!;
      expect(request.traceId).toBe(clientTraceId);
      expect(request.parentSpanId).toBe(clientSpanId);
      expect(request.name).toBe('POST /v1/chat/completions');
      expect(attribute(request, 'tollgate.request_id')).toBe(requestId);
      expect(attribute(request, 'tollgate.access_key_id')).toBe(accessKey.id);
      expect(attribute(request, 'gen_ai.operation.name')).toBe('chat');
      expect(attribute(request, 'gen_ai.request.model')).toBe('gpt-4o-mini');
      expect(attribute(request, 'gen_ai.provider.name')).toBe('openai');
      expect(attribute(request, 'gen_ai.response.model')).toBe('gpt-4o-mini');
      expect(attribute(request, 'gen_ai.usage.input_tokens')).toBeGreaterThanOrEqual(BASE_INPUT_TOKENS);
      expect(attribute(request, 'gen_ai.usage.output_tokens')).toBe(OUTPUT_TOKENS);
      expect(attribute(request, 'http.response.status_code')).toBe(200);

      const attempts = spans
        .filter((span) => span.kind === CLIENT)
        .sort(
          (a, b) =>
            Number(attribute(a, 'tollgate.attempt.number')) - Number(attribute(b, 'tollgate.attempt.number')),
        );
      expect(attempts).toHaveLength(2);
      for (const attempt of attempts) {
        expect(attempt.traceId).toBe(clientTraceId);
        expect(attempt.parentSpanId).toBe(request.spanId);
        expect(attempt.name).toBe('chat gpt-4o-mini');
        expect(attribute(attempt, 'gen_ai.provider.name')).toBe('openai');
        expect(attribute(attempt, 'gen_ai.request.model')).toBe('gpt-4o-mini');
      }
      expect(attribute(attempts[0]!, 'tollgate.attempt.outcome')).toBe('failed');
      expect(attribute(attempts[0]!, 'http.response.status_code')).toBe(500);
      expect(attribute(attempts[1]!, 'tollgate.attempt.outcome')).toBe('succeeded');
      expect(attribute(attempts[1]!, 'gen_ai.response.model')).toBe('gpt-4o-mini');
      expect(attribute(attempts[1]!, 'gen_ai.usage.output_tokens')).toBe(OUTPUT_TOKENS);
      expect(attribute(attempts[1]!, 'tollgate.cost_usd')).toBeTypeOf('number');

      // Each upstream call carried its own attempt's context.
      const sent = upstream.requests.map((recorded) => recorded.headers.traceparent);
      expect(sent).toEqual(attempts.map((attempt) => `00-${clientTraceId}-${attempt.spanId}-01`));
    },
  );
});
