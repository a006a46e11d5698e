import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { AbortableHandler } from './abortable-handler.js';
import type { AbortEmitter } from './upstream-client.js';

/** Where a streamed answer's body goes, chunk by chunk, as undici reads it. */
export interface BodySink {
  data(chunk: Buffer): void;
  end(): void;
  /** The body broke off: upstream reset, idle timeout, or the attempt was aborted. */
  error(error: Error): void;
}

/** An answer whose status and headers came; its body follows through {@link StreamedBody.attach}. */
export interface StreamedResponse {
  statusCode: number;
  headers: IncomingHttpHeaders;
  body: StreamedBody;
}

export interface StreamedBody {
  /** Sends the body to `sink`: what already came at once, the rest as it arrives. */
  attach(sink: BodySink): void;
  /** Stops reading from the socket until {@link resume} (the client is slower than the provider). */
  pause(): void;
  resume(): void;
  /** Stops the answer; the sink hears nothing more. */
  destroy(): void;
  /**
   * The body (an error answer's), up to `maxBytes` (the answer is stopped there); what came of
   * it if it broke off.
   */
  bytes(maxBytes?: number): Promise<Buffer>;
}

/**
 * undici dispatch handler for a streamed answer (SSE): chunks go straight from the HTTP parser to
 * the sink. `request()` would put a Readable, an async resource and its flowing-mode machinery
 * between them for every stream.
 */
export class StreamingHandler extends AbortableHandler implements Dispatcher.DispatchHandler, StreamedBody {
  private started = false;
  private sink: BodySink | undefined;
  /** Chunks not yet handed over: before a sink was attached, or while it paused the body. */
  private queue: Buffer[] = [];
  private paused = false;
  /** How the body ended, once it did: told to the sink after the queued chunks. */
  private ending: { error: Error | undefined } | undefined;

  constructor(
    signal: AbortEmitter,
    private readonly resolve: (response: StreamedResponse) => void,
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
    this.started = true;
    this.resolve({ statusCode, headers, body: this });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    // The common case: straight through. (undici may still hand over what it had parsed when paused.)
    if (this.sink && !this.paused && this.queue.length === 0) this.sink.data(chunk);
    else this.queue.push(chunk);
  }

  onResponseEnd(): void {
    if (!this.finish()) return;
    this.ending = { error: undefined };
    this.handOver();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (!this.finish()) return;
    if (!this.started) {
      this.reject(error);
      return;
    }
    this.ending = { error };
    this.handOver();
  }

  attach(sink: BodySink): void {
    this.sink = sink;
    this.handOver();
  }

  pause(): void {
    this.paused = true;
    this.controller?.pause();
  }

  resume(): void {
    this.paused = false;
    this.handOver();
    if (!this.paused) this.controller?.resume();
  }

  destroy(): void {
    this.sink = undefined;
    this.queue = [];
    this.abort();
  }

  bytes(maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => resolve(Buffer.concat(chunks).subarray(0, maxBytes));
      this.attach({
        data: (chunk) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size < maxBytes) return;
          this.destroy();
          done();
        },
        end: done,
        error: done,
      });
    });
  }

  /** Gives the sink the queued chunks while it is not paused, then the end once they are all out. */
  private handOver(): void {
    const sink = this.sink;
    if (!sink) return;
    while (this.queue.length > 0) {
      // The sink may pause or destroy the body while it takes a chunk.
      if (this.paused || this.sink !== sink) return;
      sink.data(this.queue.shift() as Buffer);
    }
    const ending = this.ending;
    if (!ending || this.sink !== sink) return;
    this.sink = undefined;
    if (ending.error) sink.error(ending.error);
    else sink.end();
  }
}
