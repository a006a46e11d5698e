/**
 * Full-speed load on two servers at once, taken in turns: the load generator keeps 50 connections
 * open to each and sends on one set at a time, switching every `--slice-ms` (250 ms), so that both
 * servers are measured over the same seconds of this shared machine, whose speed moves by half
 * within a minute (docs/benchmarks.md, "The runs of 2026-12-07 22:10–00:05"). In its own process:
 *   node --import tsx bench/alternating-load.ts --targets '[{"url":…,"token":…,"model":…},…]' [--stream] …
 * Prints `{ phase: 'measure' }` and `{ phase: 'measured' }` around the measured window, then
 * `{ results: [LoadResult, LoadResult] }`, one JSON object a line.
 *
 * A minimal HTTP/1.1 client on `node:net`, not autocannon (which cannot pause a connection) nor
 * undici (which costs this process as much CPU per request as the proxies it loads): one prepared
 * request per target, written whole; the answer read to its end (Content-Length or chunked) and
 * checked like autocannon's `verifyBody`.
 */
import { connect, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { chatBody, expectedBody } from './chat-request.js';
import { summarise } from './latency-summary.js';
import type { LoadResult } from './load.js';

interface TargetSpec {
  url: string;
  token: string;
  model: string;
}

interface Tally {
  /** The latency of each 2xx answer that came in the measured window. */
  latencies: number[];
  /** Milliseconds during which this target had the load (from the window's opening, once open). */
  activeMs: number;
  warmupSucceeded: number;
  non2xx: number;
  errors: number;
  mismatches: number;
  statusCodes: Record<string, number>;
}

/** Reads one HTTP/1.1 answer at a time from a byte stream: status, then the body to its end. */
class AnswerReader {
  private buffered: Buffer = Buffer.alloc(0);
  private status = 0;
  private bodyStart = -1;
  private contentLength = -1;
  private chunked = false;
  /** Chunked: where the next chunk-size line starts. */
  private chunkAt = 0;
  private body: Buffer[] = [];

  /** Adds bytes; returns the answer once complete (then the reader is ready for the next). */
  push(bytes: Buffer): { status: number; body: string } | undefined {
    this.buffered = this.buffered.length === 0 ? bytes : Buffer.concat([this.buffered, bytes]);
    if (this.bodyStart === -1 && !this.readHead()) return undefined;
    return this.chunked ? this.readChunked() : this.readSized();
  }

  private readHead(): boolean {
    const end = this.buffered.indexOf('\r\n\r\n');
    if (end === -1) return false;
    const head = this.buffered.toString('latin1', 0, end);
    this.status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const length = /\r\ncontent-length:\s*(\d+)/.exec(lower);
    this.contentLength = length ? Number(length[1]) : -1;
    this.chunked = /\r\ntransfer-encoding:\s*chunked/.test(lower);
    this.bodyStart = end + 4;
    this.chunkAt = this.bodyStart;
    return true;
  }

  private readSized(): { status: number; body: string } | undefined {
    if (this.buffered.length - this.bodyStart < this.contentLength) return undefined;
    const body = this.buffered.toString('utf8', this.bodyStart, this.bodyStart + this.contentLength);
    return this.finish(body, this.bodyStart + this.contentLength);
  }

  private readChunked(): { status: number; body: string } | undefined {
    for (;;) {
      const lineEnd = this.buffered.indexOf('\r\n', this.chunkAt);
      if (lineEnd === -1) return undefined;
      const size = Number.parseInt(this.buffered.toString('latin1', this.chunkAt, lineEnd), 16);
      const dataEnd = lineEnd + 2 + size;
      if (this.buffered.length < dataEnd + 2) return undefined;
      if (size === 0) return this.finish(Buffer.concat(this.body).toString('utf8'), dataEnd + 2);
      this.body.push(this.buffered.subarray(lineEnd + 2, dataEnd));
      this.chunkAt = dataEnd + 2;
    }
  }

  private finish(body: string, end: number): { status: number; body: string } {
    const answer = { status: this.status, body };
    this.buffered = this.buffered.subarray(end);
    this.bodyStart = -1;
    this.body = [];
    return answer;
  }
}

/** One keep-alive connection that sends its target's request whenever its target has the load. */
class Connection {
  private readonly reader = new AnswerReader();
  private sentAt = 0;
  busy = false;

  constructor(
    private readonly socket: Socket,
    private readonly request: Buffer,
    private readonly onAnswer: (status: number, body: string, sentAt: number) => void,
    private readonly onError: () => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (bytes: Buffer) => {
      // Nothing is pipelined: at most one answer is ever due.
      const answer = this.reader.push(bytes);
      if (answer === undefined) return;
      this.busy = false;
      this.onAnswer(answer.status, answer.body, this.sentAt);
    });
    // A broken connection is marked busy for good, idle or not: it is never sent on again, and
    // counts as one error.
    socket.on('error', () => {
      this.busy = true;
      this.onError();
    });
  }

  send(): void {
    this.busy = true;
    this.sentAt = performance.now();
    this.socket.write(this.request);
  }

  close(): void {
    this.socket.destroy();
  }
}

function requestBytes(target: TargetSpec, stream: boolean): Buffer {
  const url = new URL(target.url);
  const body = chatBody(target.model, stream);
  return Buffer.from(
    `POST ${url.pathname} HTTP/1.1\r\nhost: ${url.host}\r\ncontent-type: application/json\r\n` +
      `authorization: Bearer ${target.token}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function print(message: unknown): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      targets: { type: 'string' },
      stream: { type: 'boolean', default: false },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '50' },
      'slice-ms': { type: 'string', default: '250' },
    },
    strict: true,
  });
  const targets = JSON.parse(values.targets ?? '[]') as TargetSpec[];
  if (targets.length !== 2) throw new Error('alternating-load.ts needs --targets with two servers');
  const stream = values.stream;
  const connections = Number(values.connections);
  const sliceMs = Number(values['slice-ms']);
  const verify = expectedBody(stream);
  const tallies: Tally[] = targets.map(() => ({
    latencies: [],
    activeMs: 0,
    warmupSucceeded: 0,
    non2xx: 0,
    errors: 0,
    mismatches: 0,
    statusCodes: {},
  }));
  let active = 0;
  let measuring = false;
  let stopping = false;
  const sets: Connection[][] = [];
  for (const [index, target] of targets.entries()) {
    const tally = tallies[index]!;
    const request = requestBytes(target, stream);
    const set: Connection[] = [];
    for (let i = 0; i < connections; i++) {
      const socket = await open(target.url);
      const connection: Connection = new Connection(
        socket,
        request,
        (status, body, sentAt) => {
          tally.statusCodes[status] = (tally.statusCodes[status] ?? 0) + 1;
          if (status < 200 || status > 299) tally.non2xx++;
          else if (!verify(body)) tally.mismatches++;
          else if (measuring) tally.latencies.push(performance.now() - sentAt);
          else tally.warmupSucceeded++;
          if (!stopping && active === index) connection.send();
        },
        () => tally.errors++,
      );
      set.push(connection);
    }
    sets.push(set);
  }
  const giveLoadTo = (index: number): void => {
    active = index;
    for (const connection of sets[index]!) if (!connection.busy) connection.send();
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Gives each target the load in turn, a slice at a time, for `seconds`; each slice counts for its target. */
  const alternate = async (seconds: number): Promise<void> => {
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      const sliceStart = performance.now();
      giveLoadTo(1 - active);
      await sleep(sliceMs);
      tallies[active]!.activeMs += performance.now() - sliceStart;
    }
  };
  // The warm-up runs as the measured window does, then its time is forgotten.
  await alternate(Number(values.warmup));
  for (const tally of tallies) tally.activeMs = 0;
  print({ phase: 'measure' });
  measuring = true;
  await alternate(Number(values.duration));
  measuring = false;
  stopping = true;
  print({ phase: 'measured' });
  for (const set of sets) for (const connection of set) connection.close();
  print({
    results: tallies.map(
      (tally): LoadResult => ({
        seconds: tally.activeMs / 1000,
        requestsPerSecond: tally.latencies.length / (tally.activeMs / 1000),
        succeeded: tally.latencies.length,
        warmupSucceeded: tally.warmupSucceeded,
        cutOffAtMost: connections,
        failures: { non2xx: tally.non2xx, errors: tally.errors, timeouts: 0, mismatches: tally.mismatches },
        statusCodes: tally.statusCodes,
        latency: summarise(tally.latencies),
        latencies: tally.latencies,
      }),
    ),
  });
}

await main();
