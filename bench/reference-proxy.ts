/**
 * The floor the benchmark compares Tollgate with: the least a Node.js proxy can do on this
 * machine. No authentication, routing or metering: read the JSON body, set `model`, forward it
 * with undici (the client Tollgate uses), and send the answer back (parsed first when it is
 * JSON, as any metering proxy must; streamed through as it arrives when it is SSE).
 *   node --import tsx bench/reference-proxy.ts --upstream http://127.0.0.1:PORT --key sk-… [--busy-us N]
 * `--busy-us N` spins the CPU for N µs on each request (default 0): an experiment, not part of
 * `npm run bench`, to see how a proxy's added p99 on this machine follows its CPU per request
 * (docs/benchmarks.md, "Where the time goes").
 * Prints one JSON line `{"url":"http://127.0.0.1:PORT"}` to stdout, then runs until SIGTERM / SIGINT.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Agent } from 'undici';

const { values } = parseArgs({
  options: {
    upstream: { type: 'string' },
    key: { type: 'string' },
    model: { type: 'string', default: 'gpt-4o-mini' },
    'busy-us': { type: 'string', default: '0' },
  },
  strict: true,
});
if (values.upstream === undefined || values.key === undefined) {
  console.error('usage: reference-proxy.ts --upstream URL --key PROVIDER_KEY [--model ID] [--busy-us N]');
  process.exit(2);
}
const upstream = new URL(values.upstream);
const headers = { 'content-type': 'application/json', authorization: `Bearer ${values.key}` };
const busyMs = Number(values['busy-us']) / 1000;
if (!Number.isFinite(busyMs) || busyMs < 0) {
  console.error(`--busy-us must be a number ≥ 0, not ${values['busy-us']}`);
  process.exit(2);
}
const agent = new Agent({ connections: 512, keepAliveTimeout: 30_000 });

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Holds the thread for `busyMs`, as a proxy that does more work per request would. */
function spin(): void {
  const until = performance.now() + busyMs;
  while (performance.now() < until) {}
}

async function proxy(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (busyMs > 0) spin();
  const body = JSON.parse(await readBody(request)) as Record<string, unknown>;
  body.model = values.model;
  const answer = await agent.request({
    origin: upstream.origin,
    path: `${upstream.pathname.replace(/\/+$/, '')}${request.url ?? '/'}`,
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const contentType = String(answer.headers['content-type'] ?? 'application/json');
  if (body.stream === true) {
    response.writeHead(answer.statusCode, { 'content-type': contentType });
    for await (const chunk of answer.body) response.write(chunk);
    response.end();
    return;
  }
  const text = await answer.body.text();
  JSON.parse(text);
  response.writeHead(answer.statusCode, { 'content-type': contentType });
  response.end(text);
}

const server = createServer((request, response) => {
  proxy(request, response).catch((error: unknown) => {
    if (!response.headersSent) response.writeHead(502, { 'content-type': 'text/plain' });
    response.end(error instanceof Error ? error.message : String(error));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});

const stop = (): void => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
