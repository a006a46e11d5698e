import { Agent, type Dispatcher } from 'undici';

export interface UpstreamRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** An AbortSignal, or an EventEmitter with `aborted` that emits 'abort' (cheaper; undici takes both). */
  signal: Dispatcher.RequestOptions['signal'];
  /** Time allowed until the response headers arrive. */
  headersTimeoutMs: number;
  /** Time allowed between two body chunks. */
  bodyTimeoutMs: number;
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

  send(request: UpstreamRequest): Promise<Dispatcher.ResponseData> {
    return this.agent.request({
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      headersTimeout: request.headersTimeoutMs,
      bodyTimeout: request.bodyTimeoutMs,
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
