import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadResult } from '../../bench/load.js';

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A server that answers every request with `body`, sized or chunked, and counts what it got. */
async function server(body: string, framing: 'sized' | 'chunked') {
  const seen = { requests: 0, authorization: '' };
  const listening = createServer((request, response) => {
    seen.requests++;
    seen.authorization = request.headers.authorization ?? '';
    request.resume();
    request.on('end', () => {
      if (framing === 'sized') {
        response.writeHead(200, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
        response.end(body);
        return;
      }
      // Written in pieces, so that the chunked answer arrives in several reads.
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const half = Math.floor(body.length / 2);
      response.write(body.slice(0, half));
      setImmediate(() => response.end(body.slice(half)));
    });
  }).listen(0, '127.0.0.1');
  servers.push(listening);
  await new Promise((resolve) => listening.once('listening', resolve));
  return { url: `http://127.0.0.1:${(listening.address() as AddressInfo).port}/v1/chat/completions`, seen };
}

/** Runs bench/alternating-load.ts for a second (half each) and returns what it printed. */
function alternate(targets: { url: string; token: string; model: string }[], stream: boolean) {
  return new Promise<{ phases: string[]; results: LoadResult[] }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/alternating-load.ts',
        `--targets=${JSON.stringify(targets)}`,
        ...(stream ? ['--stream'] : []),
        '--duration=1',
        '--warmup=0.4',
        '--connections=4',
        '--slice-ms=100',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`alternating-load.ts exited with ${code}`));
      const lines = output
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      resolve({
        phases: lines.filter((line) => 'phase' in line).map((line) => line.phase),
        results: lines.find((line) => 'results' in line).results,
      });
    });
  });
}

describe('the alternating load generator', () => {
  it('loads two servers in turns over the same window, sized and chunked answers alike', async () => {
    const json = await server('{"object":"chat.completion","choices":[]}', 'sized');
    const sse = await server('data: {"object":"chat.completion.chunk"}\n\ndata: [DONE]\n\n', 'chunked');
    const { phases, results } = await alternate(
      [
        { url: json.url, token: 'tg-a', model: 'a' },
        { url: sse.url, token: 'tg-b', model: 'b' },
      ],
      false,
    );
    expect(phases).toEqual(['measure', 'measured']);
    const [first, second] = results;
    // The JSON answers hold what a chat completion must; the second server's do not for a
    // non-streamed request (no "chat.completion" with its closing quote), so they are mismatches.
    expect(first!.succeeded).toBeGreaterThan(0);
    expect(first!.failures).toEqual({ non2xx: 0, errors: 0, timeouts: 0, mismatches: 0 });
    expect(second!.succeeded).toBe(0);
    expect(second!.failures.mismatches).toBeGreaterThan(0);
    // Each had the load about half of the one-second window.
    expect(first!.seconds).toBeGreaterThan(0.3);
    expect(first!.seconds).toBeLessThan(0.7);
    expect(first!.seconds + second!.seconds).toBeGreaterThan(0.9);
    // Every answer counted was asked for, each with its own target's key.
    expect(first!.succeeded + first!.warmupSucceeded).toBeLessThanOrEqual(json.seen.requests);
    expect(json.seen.authorization).toBe('Bearer tg-a');
    expect(sse.seen.authorization).toBe('Bearer tg-b');
  });

  it('reads a streamed answer to its last chunk', async () => {
    const sse = await server('data: {"object":"chat.completion.chunk"}\n\ndata: [DONE]\n\n', 'chunked');
    const other = await server('data: [DONE]\n\n', 'sized');
    const { results } = await alternate(
      [
        { url: sse.url, token: 'tg-a', model: 'a' },
        { url: other.url, token: 'tg-b', model: 'b' },
      ],
      true,
    );
    for (const result of results) {
      expect(result.succeeded).toBeGreaterThan(0);
      expect(result.failures).toEqual({ non2xx: 0, errors: 0, timeouts: 0, mismatches: 0 });
    }
  });
});
