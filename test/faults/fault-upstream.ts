import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An OpenAI-format upstream that misbehaves on purpose, chosen by a word in the provider key
 * (`Authorization: Bearer sk-<fault>-…`):
 * - `reset`: destroys the socket without an answer;
 * - `stall-headers`: never answers; `stall-body`: sends the head and one chunk, then nothing;
 * - `garbage-sse`: a 200 event stream of lines that are not SSE JSON, then the end;
 * - `redirect-<status>`: that 3xx with a `Location` to `redirectTarget`;
 * - `huge-body`: a 200 JSON answer of `hugeBodyBytes` (50 MB);
 * - `split-utf8`: a 200 event stream of {@link splitText}, opened by a byte order mark and sent a
 *   few bytes at a time, so that its multi-byte characters are cut between chunks;
 * - anything else: a small valid chat completion (or stream).
 * `hits` counts the requests per fault word; `redirectTarget` counts what reached it.
 */
export interface FaultUpstream {
  url: string;
  hits: Map<string, number>;
  /** Requests that followed a redirect here (none should). */
  redirectFollowed: number;
  close(): Promise<void>;
}

export const hugeBodyBytes = 50 * 1024 * 1024;

/** Two- three- and four-byte UTF-8 characters, for `split-utf8`. */
export const splitText = 'Grüße, 日本語, 👋🏽 — ça va?';

const faults = [
  'reset',
  'stall-headers',
  'stall-body',
  'garbage-sse',
  'redirect',
  'huge-body',
  'split-utf8',
] as const;

export async function startFaultUpstream(): Promise<FaultUpstream> {
  const hits = new Map<string, number>();
  const state = { redirectFollowed: 0 };
  const stalled: ServerResponse[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  const answer = (request: IncomingMessage, response: ServerResponse, text: string) => {
    if (request.url?.startsWith('/followed')) {
      state.redirectFollowed++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    const key = String(request.headers.authorization ?? '');
    const fault = faults.find((name) => key.includes(name)) ?? 'ok';
    hits.set(fault, (hits.get(fault) ?? 0) + 1);
    const body = JSON.parse(text || '{}') as { stream?: boolean; model?: string };
    switch (fault) {
      case 'reset':
        request.socket.destroy();
        return;
      case 'stall-headers':
        stalled.push(response);
        return;
      case 'stall-body':
        response.writeHead(200, { 'content-type': body.stream ? 'text/event-stream' : 'application/json' });
        response.write(body.stream ? `data: ${JSON.stringify(chunk(body.model, 'Hel'))}\n\n` : '{"id":');
        stalled.push(response);
        return;
      case 'garbage-sse':
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        response.end(
          'data: {not json\n\ndata: [1,2\nevent: ???\n\n: comment\ndata: "text"\n\ngarbage line\n\n',
        );
        return;
      case 'redirect': {
        const status = Number(/redirect-(\d{3})/.exec(key)?.[1] ?? 307);
        response.writeHead(status, { location: `${origin()}/followed`, 'content-type': 'text/plain' });
        response.end('redirect');
        return;
      }
      case 'huge-body': {
        const content = 'x'.repeat(hugeBodyBytes);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(completion(body.model, content)));
        return;
      }
      case 'split-utf8': {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        const bytes = Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          Buffer.from(`data: ${JSON.stringify(chunk(body.model, splitText))}\n\ndata: [DONE]\n\n`),
        ]);
        void writeInPieces(response, bytes, 3);
        return;
      }
      default:
        if (body.stream) {
          response.writeHead(200, { 'content-type': 'text/event-stream' });
          response.end(`data: ${JSON.stringify(chunk(body.model, 'Hello'))}\n\ndata: [DONE]\n\n`);
        } else {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify(completion(body.model, 'Hello')));
        }
    }
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin(),
    hits,
    get redirectFollowed() {
      return state.redirectFollowed;
    },
    async close() {
      for (const response of stalled) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Writes `bytes` `size` at a time, a few milliseconds apart so that each arrives as a chunk of its own. */
async function writeInPieces(response: ServerResponse, bytes: Buffer, size: number): Promise<void> {
  for (let at = 0; at < bytes.length && !response.destroyed; at += size) {
    response.write(bytes.subarray(at, at + size));
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  response.end();
}

function completion(model: string | undefined, content: string) {
  return {
    id: 'chatcmpl-fault',
    object: 'chat.completion',
    created: 0,
    model: model ?? 'gpt-4o',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 },
  };
}

function chunk(model: string | undefined, content: string) {
  return {
    id: 'chatcmpl-fault',
    object: 'chat.completion.chunk',
    created: 0,
    model: model ?? 'gpt-4o',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
}
