import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type Dispatcher } from 'undici';
import { AbortableHandler } from './abortable-handler.js';
import { type StreamedResponse, StreamingHandler } from './streamed-response.js';

/** Where a request goes, in the two parts undici takes. */
export interface UpstreamTarget {
  /** `scheme://host[:port]` */
  origin: string;
  /** Path and query. */
  path: string;
}

export interface UpstreamRequest {
  target: UpstreamTarget;
  headers: Record<string, string>;
  body: string;
  /** Stops the request (the gateway's per-attempt AttemptAbort). */
  signal: AbortEmitter;
  /** Time allowed until the response headers arrive. */
  headersTimeoutMs: number;
  /** Time allowed between two body chunks. */
  bodyTimeoutMs: number;
}

/** What stops a request: the gateway's per-attempt EventEmitter (see AttemptAbort). */
export interface AbortEmitter {
  readonly aborted: boolean;
  once(event: 'abort', listener: () => void): unknown;
  off(event: 'abort', listener: () => void): unknown;
}

/** A whole upstream answer, read into memory. */
export interface BufferedResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * The answer's status and headers came, but its body did not arrive whole (timeout, reset,
 * abort): callers tell this apart from a request that got no answer at all.
 */
export class UpstreamBodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly headers: IncomingHttpHeaders,
    cause: Error,
  ) {
    super('the upstream response broke off', { cause });
  }
}

/**
 * The one HTTP client for every provider: undici's Agent keeps a keep-alive pool per origin.
 * (undici `request` costs a sixth of `fetch` per call; see STYLE.md's measurements.)
 */
export class UpstreamClient {
  private readonly agent: Agent;

  constructor(options: { connect?: Agent.Options['connect'] } = {}) {
    this.agent = new Agent({
      connections: 512,
      pipelining: 1,
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 120_000,
      ...(options.connect ? { connect: options.connect } : {}),
    });
  }

  /**
   * Sends a request whose answer is relayed as it arrives (SSE): resolves once its status and
   * headers came; fails with undici's error when no answer came.
   */
  sendStreamed(request: UpstreamRequest): Promise<StreamedResponse> {
    return new Promise((resolve, reject) => {
      this.agent.dispatch(dispatchOptions(request), new StreamingHandler(request.signal, resolve, reject));
    });
  }

  /**
   * Sends a request and reads its whole answer, for answers that are relayed at once (JSON).
   * A small dispatch handler collects the chunks: `request()` would wrap them in a Readable,
   * an async resource and a consumer per call, for a body that is read whole anyway.
   * Fails with undici's error when no answer came, with {@link UpstreamBodyError} when it broke off.
   */
  sendBuffered(request: UpstreamRequest): Promise<BufferedResponse> {
    return new Promise((resolve, reject) => {
      this.agent.dispatch(dispatchOptions(request), new BufferingHandler(request.signal, resolve, reject));
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

function dispatchOptions(request: UpstreamRequest): Dispatcher.DispatchOptions {
  return {
    origin: request.target.origin,
    path: request.target.path,
    method: 'POST',
    headers: request.headers,
    body: request.body,
    headersTimeout: request.headersTimeoutMs,
    bodyTimeout: request.bodyTimeoutMs,
  };
}

/** Collects one answer for {@link UpstreamClient.sendBuffered}; aborts it when the signal fires. */
class BufferingHandler extends AbortableHandler implements Dispatcher.DispatchHandler {
  private statusCode = 0;
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];

  constructor(
    signal: AbortEmitter,
    private readonly resolve: (response: BufferedResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {
    super(signal);
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
  ): void {
    // 1xx informational answers come before the real one.
    if (statusCode < 200) return;
    this.statusCode = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.finish()) return;
    const { chunks } = this;
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    this.resolve({ statusCode: this.statusCode, headers: this.headers, body });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (!this.finish()) return;
    this.reject(this.statusCode === 0 ? error : new UpstreamBodyError(this.statusCode, this.headers, error));
  }
}
