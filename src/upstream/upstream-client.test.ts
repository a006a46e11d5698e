import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamBodyError, UpstreamClient } from './upstream-client.js';

class Signal extends EventEmitter {
  aborted = false;

  abort(): void {
    this.aborted = true;
    this.emit('abort');
  }
}

/** Paths the test server knows; `/hang` never answers, `/broken` cuts its body short. */
function answer(request: IncomingMessage, response: ServerResponse): void {
  if (request.url === '/hang') return;
  if (request.url === '/broken') {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    response.write('{"partial":');
    setTimeout(() => response.destroy(), 20);
    return;
  }
  if (request.url === '/limited') {
    response.writeHead(429, { 'retry-after': '7', 'content-type': 'application/json' });
    response.end('{"error":{"message":"slow down"}}');
    return;
  }
  let body = '';
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString();
  });
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json' });
    // Two writes, so that the answer may arrive in more than one chunk.
    response.write('{"echo":');
    setTimeout(() => response.end(`${body}}`), 5);
  });
}

describe('UpstreamClient.sendBuffered', () => {
  let server: Server;
  let origin: string;
  const client = new UpstreamClient();

  beforeAll(async () => {
    server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const send = (path: string, signal = new Signal(), headersTimeoutMs = 5_000) =>
    client.sendBuffered({
      target: { origin, path },
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      signal,
      headersTimeoutMs,
      bodyTimeoutMs: 5_000,
    });

  it('reads the whole answer and stops listening to the signal', async () => {
    const signal = new Signal();
    const response = await send('/echo', signal);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(JSON.parse(response.body.toString())).toEqual({ echo: { a: 1 } });
    expect(signal.listenerCount('abort')).toBe(0);
  });

  it('resolves an error answer with its status, headers and body', async () => {
    const response = await send('/limited');
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('7');
    expect(response.body.toString()).toContain('slow down');
  });

  it('fails with undici’s abort error when aborted before or while waiting for the answer', async () => {
    const early = new Signal();
    early.abort();
    await expect(send('/echo', early)).rejects.toMatchObject({ code: 'UND_ERR_ABORTED' });

    const late = new Signal();
    const sent = send('/hang', late);
    setTimeout(() => late.abort(), 20);
    await expect(sent).rejects.toMatchObject({ code: 'UND_ERR_ABORTED' });
  });

  it('fails with undici’s timeout error when no answer comes', async () => {
    await expect(send('/hang', new Signal(), 50)).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
  });

  it('tells an answer that broke off from one that never came', async () => {
    const error = await send('/broken').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamBodyError);
    expect((error as UpstreamBodyError).statusCode).toBe(200);
  });
});
