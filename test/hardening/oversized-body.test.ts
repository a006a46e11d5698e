import { request as httpRequest } from 'node:http';
import OpenAI, { APIError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.js';
import { bootstrapToken } from '../helpers/tollgate-harness.js';
import { startTollgateProcess, type TollgateProcess } from '../helpers/tollgate-process.js';

const maxBodyBytes = 2 * 1024 * 1024;

/**
 * Issue 13, item 4: a body over TOLLGATE_MAX_BODY_BYTES is answered 413 and every client reads
 * that answer, instead of a reset while it is still uploading. Tollgate runs in its own process:
 * in the test's process, client and server would take turns on one event loop and hide the race.
 */
describe('oversized bodies', () => {
  let database: TestDatabase;
  let tollgate: TollgateProcess;
  let token: string;
  const harness = {
    get gatewayUrl() {
      return tollgate.gatewayUrl;
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    tollgate = await startTollgateProcess({
      TOLLGATE_DATABASE_URL: database.url,
      TOLLGATE_BOOTSTRAP_API_KEY: bootstrapToken,
      TOLLGATE_MAX_BODY_BYTES: String(maxBodyBytes),
    });
    const created = await fetch(`${tollgate.adminUrl}/access-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bootstrapToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'app' }),
    });
    token = ((await created.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await tollgate?.stop();
    await database?.drop();
  });

  /** How many chat requests were answered 413 so far, from the admin listener's metrics. */
  const refusedSoFar = async () => {
    const text = await (await fetch(`${tollgate.adminUrl}/metrics`)).text();
    const line = text
      .split('\n')
      .find((entry) => entry.startsWith('tollgate_gateway_requests_total') && entry.includes('status="413"'));
    return Number(line?.split(' ').at(-1) ?? 0);
  };
  /**
   * The count once it stops moving: a 413 is counted when its response ends, after the rest of
   * its body was drained, which is after the client already read it.
   */
  const refusedWhenSettled = async () => {
    let last = await refusedSoFar();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const now = await refusedSoFar();
      if (now === last) return now;
      last = now;
    }
  };

  /** One upload with node:http, as fast as the socket takes it; resolves with what the client saw. */
  const upload = (bytes: number, chunked: boolean) =>
    new Promise<{ status: number; body: string; connection: string | undefined } | { error: string }>(
      (resolve) => {
        const payload = `{"model":"gpt-4o","messages":[{"role":"user","content":"${'a'.repeat(bytes)}"}]}`;
        const request = httpRequest(`${harness.gatewayUrl}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'application/json',
            ...(chunked ? {} : { 'content-length': Buffer.byteLength(payload) }),
          },
        });
        request.on('response', (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              connection: response.headers.connection,
            }),
          );
          response.on('error', (error) => resolve({ error: error.message }));
        });
        request.on('error', (error: NodeJS.ErrnoException) =>
          resolve({ error: error.code ?? error.message }),
        );
        // Written in 64 KiB pieces, as a client streaming a file would.
        const buffer = Buffer.from(payload);
        for (let at = 0; at < buffer.length; at += 65_536) request.write(buffer.subarray(at, at + 65_536));
        request.end();
      },
    );

  it.each([
    ['with a Content-Length', false],
    ['chunked', true],
  ])('answers 25 concurrent 6 MB uploads (%s) with a 413 every client reads', async (_name, chunked) => {
    const results = await Promise.all(Array.from({ length: 25 }, () => upload(6 * 1024 * 1024, chunked)));
    for (const result of results) {
      expect(result).not.toHaveProperty('error');
      if ('error' in result) continue;
      expect(result.status).toBe(413);
      expect(result.connection).toBe('close');
      expect(JSON.parse(result.body).error.code).toBe('payload_too_large');
    }
  });

  it('gives the OpenAI SDK an APIError 413, not a connection error, and it does not upload again', async () => {
    const before = await refusedWhenSettled();
    const client = new OpenAI({ baseURL: `${harness.gatewayUrl}/v1`, apiKey: token, maxRetries: 2 });
    const outcomes = await Promise.all(
      Array.from({ length: 15 }, () =>
        client.chat.completions
          .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'b'.repeat(6 * 1024 * 1024) }] })
          .then(
            () => 'answered',
            (error: unknown) =>
              error instanceof APIError && error.status !== undefined
                ? `status ${error.status}`
                : `${(error as Error).constructor.name}`,
          ),
      ),
    );
    expect(outcomes).toEqual(Array.from({ length: 15 }, () => 'status 413'));
    // One 413 per SDK call: none of them was retried.
    expect((await refusedWhenSettled()) - before).toBe(15);
  });
});
