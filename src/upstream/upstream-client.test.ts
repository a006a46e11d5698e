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
  if (request.url === '/stream') {
    // 4 MB in 1 KB events: more than the sockets between hold, so a paused reader must stop the writer.
    response.writeHead(200, { 'content-type': 'text/event-stream' });
    let sent = 0;
    const more = () => {
      while (sent < streamEvents) {
        streamEventsSent = sent + 1;
        const ok = response.write(`data: ${String(sent++).padStart(1_000, '.')}\n\n`);
        if (!ok) return void response.once('drain', more);
      }
      response.end();
    };
    more();
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

const streamEvents = 12_000;
/** How far the test server got with its last stream (it waits whenever the reader does). */
let streamEventsSent = 0;

/** The test server (see `answer`) and a client, for one describe block; `at.origin` once started. */
function useTestServer() {
  const client = new UpstreamClient();
  const at = { origin: '' };
  let server: Server;
  beforeAll(async () => {
    server = createServer(answer);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    at.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return { client, at };
}

describe('UpstreamClient.sendBuffered', () => {
  const { client, at } = useTestServer();

  const send = (path: string, signal = new Signal(), headersTimeoutMs = 5_000) =>
    client.sendBuffered({
      target: { origin: at.origin, path },
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

describe('UpstreamClient.sendStreamed', () => {
  const { client, at } = useTestServer();

  const send = (path: string, signal = new Signal()) =>
    client.sendStreamed({
      target: { origin: at.origin, path },
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
      signal,
      headersTimeoutMs: 5_000,
      bodyTimeoutMs: 5_000,
    });

  it('hands every chunk to the sink in order, also those that came before it was attached, and pauses', async () => {
    const response = await send('/stream');
    expect(response.statusCode).toBe(200);
    // Attached late: what came meanwhile is delivered first.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const chunks: Buffer[] = [];
    let pauses = 0;
    let paused = false;
    let whilePaused = 0;
    await new Promise<void>((resolve, reject) => {
      response.body.attach({
        data: (chunk) => {
          if (paused) whilePaused++;
          chunks.push(chunk);
          // A slow client: stop reading for a moment every 64 chunks.
          if (chunks.length % 64 === 0 && !paused) {
            pauses++;
            paused = true;
            response.body.pause();
            setTimeout(() => {
              paused = false;
              response.body.resume();
            }, 2);
          }
        },
        end: resolve,
        error: reject,
      });
    });
    const text = Buffer.concat(chunks).toString();
    const events = text.split('\n\n').filter((event) => event !== '');
    expect(events).toHaveLength(streamEvents);
    expect(events.map((event) => Number(event.replace(/^data: \.*/, '')))).toEqual(
      Array.from({ length: streamEvents }, (_, index) => index),
    );
    expect(pauses).toBeGreaterThan(0);
    expect(whilePaused).toBe(0);
  });

  it('stops reading from the upstream while paused', async () => {
    const response = await send('/stream');
    const chunks: Buffer[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      response.body.attach({ data: (chunk) => chunks.push(chunk), end: resolve, error: reject });
    });
    response.body.pause();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // The sockets' buffers filled and the server waits: far from the whole stream was sent.
    expect(streamEventsSent).toBeLessThan(streamEvents / 2);
    response.body.resume();
    await ended;
    expect(Buffer.concat(chunks).length).toBe(streamEvents * 1_008);
  });

  it('reads an error answer whole', async () => {
    const response = await send('/limited');
    expect(response.statusCode).toBe(429);
    expect((await response.body.bytes()).toString()).toBe('{"error":{"message":"slow down"}}');
  });

  it('stops the answer when destroyed, and the sink hears nothing more', async () => {
    const response = await send('/stream');
    let received = 0;
    response.body.attach({
      data: () => {
        received++;
        if (received === 1) response.body.destroy();
      },
      end: () => {
        throw new Error('ended after destroy');
      },
      error: () => {
        throw new Error('failed after destroy');
      },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toBe(1);
  });

  it('fails with the connection error when no answer came, and when aborted before the answer', async () => {
    const signal = new Signal();
    const pending = send('/hang', signal);
    setTimeout(() => signal.abort(), 20);
    await expect(pending).rejects.toThrow(/aborted/i);
  });
});
