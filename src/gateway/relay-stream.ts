import type { ServerResponse } from 'node:http';
import { StringDecoder } from 'node:string_decoder';
import type { RequestCapture } from '../domain/capture/request-capture.js';
import { describeError, type Logger } from '../observability/logger.js';
import { clientWantsStreamUsage } from '../providers/exchange.js';
import { SseSplitter } from '../providers/translate/sse-splitter.js';
import type { StreamTranslator, WireFormat } from '../providers/types.js';
import type { BodySink, StreamedResponse } from '../upstream/streamed-response.js';
import type { AttemptContext } from './attempt-context.js';
import { type Completion, servedResult } from './attempt-result.js';
import { FirewallStream } from './firewall/firewall-stream.js';
import type { GatewayRequestState } from './request-state.js';
import { estimatedUsage } from './usage-estimate.js';

/**
 * Relays an upstream SSE stream to the client as it arrives, through the exchange's tap or
 * translator (which also captures usage). Whatever way it ends (normally, upstream broken,
 * client gone), the attempt's usage event is recorded before the stream's last bytes are sent
 * and the response is closed.
 */
export async function relayStream(
  context: AttemptContext,
  response: StreamedResponse,
  raw: ServerResponse,
  clientFormat: WireFormat,
  logger: Logger,
): Promise<void> {
  // The attempt's context is the translation context: no object is built for it.
  const exchangeTranslator = context.candidate.exchange.createStreamTranslator(context, {
    clientWantsUsage: clientWantsStreamUsage(context.clientBody),
  });
  // Only requests under a policy with response rules have their stream read for tool calls.
  const firewall = context.state.firewall;
  const translator = firewall?.screensResponses
    ? new FirewallStream(exchangeTranslator, firewall)
    : exchangeTranslator;
  // Added to the rendered headers themselves: no second object for the stream's.
  raw.writeHead(200, Object.assign(context.state.headers(), streamHeaders));
  const renewal = context.state.renewHoldWhileStreaming();
  const relay = new StreamRelay(response, raw, translator, context.state, logger);
  const completion = await relay.completion;
  clearInterval(renewal);

  const reported = translator.usage();
  // Counts alone are not enough: a stream that ended without its stop reason (an error event
  // mid-stream) may have generated more than its opening counts say.
  const complete = completion === 'succeeded' && reported !== null && translator.stopReason() !== null;
  const usage = complete
    ? reported
    : estimatedUsage(reported, context.inputTokens(), translator.generatedText());
  let tail = relay.tail;
  try {
    await context.state.recordAttempt(
      context,
      servedResult(200, completion, translator.stopReason(), usage, !complete),
    );
  } finally {
    // The response is already under way: whatever happened to its record, the client must
    // not be left hanging on an open stream (the error itself reaches the error handler's log).
    if (completion === 'stream_failed') tail += streamErrorEvent(clientFormat);
    context.state.capture?.streamed(tail);
    if (!raw.destroyed) raw.end(tail);
  }
}

const byteOrderMark = 0xfeff;

const streamHeaders = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/**
 * Moves one stream's chunks from the upstream to the client (a sink of the upstream body, so
 * chunks come straight from undici's parser), pausing the upstream while the client's socket
 * is full. Methods rather than closures: one object per stream.
 */
class StreamRelay implements BodySink {
  readonly completion: Promise<Completion>;
  /** The stream's last bytes: they go out with the end of the response, one write instead of two. */
  tail = '';
  private readonly requestId: string;
  /** Told the events sent to the client, when the request is captured. */
  private readonly capture: RequestCapture | undefined;
  private readonly splitter = new SseSplitter();
  /**
   * Not TextDecoder: with `stream: true` it goes through ICU and returns two-byte strings, twice
   * the memory of the mostly ASCII text of a stream (and slower). StringDecoder returns one-byte
   * strings for ASCII and, like TextDecoder, keeps a character cut between chunks whole.
   */
  private readonly decoder = new StringDecoder('utf8');
  /** Whether any text came yet: a byte order mark may open it (TextDecoder dropped it; so does an SSE parser). */
  private textCame = false;
  /**
   * Held until the relay settles, then dropped. A request still in flight when the young
   * generation is collected moves to the old one, and whatever it still refers to when it ends is
   * kept through every young collection until a full one; the translator holds the stream's text
   * (for an estimate, should the stream break). Dropped, it dies young: the bytes promoted per
   * streamed request fell by ~45%, and CPU per request with them.
   */
  private translator: StreamTranslator | undefined;
  private resolve!: (completion: Completion) => void;
  private readonly onClientClose: () => void;
  private readonly onDrain: () => void;

  constructor(
    private readonly response: StreamedResponse,
    private readonly raw: ServerResponse,
    translator: StreamTranslator,
    state: GatewayRequestState,
    private readonly logger: Logger,
  ) {
    this.translator = translator;
    this.requestId = state.requestId;
    // Read before `attach`, which may hand over the chunks that already came at once.
    this.capture = state.capture;
    this.completion = new Promise((resolve) => {
      this.resolve = resolve;
    });
    this.onClientClose = () => {
      if (!raw.writableFinished) {
        response.body.destroy();
        this.settle('stream_failed');
      }
    };
    this.onDrain = () => response.body.resume();
    raw.on('close', this.onClientClose);
    response.body.attach(this);
  }

  data(chunk: Buffer): void {
    const translator = this.translator;
    if (!translator) return;
    try {
      let out = '';
      for (const event of this.splitter.push(this.decode(chunk))) out += translator.push(event);
      this.capture?.streamed(out);
      if (out.length > 0 && !this.raw.write(out)) {
        this.response.body.pause();
        this.raw.once('drain', this.onDrain);
      }
    } catch (error) {
      this.failed(error);
    }
  }

  end(): void {
    const translator = this.translator;
    if (!translator) return;
    try {
      let out = '';
      for (const event of this.splitter.push(this.decoder.end())) out += translator.push(event);
      for (const event of this.splitter.flush()) out += translator.push(event);
      this.tail = out + translator.end();
      // The chunks written in this turn would be flushed on the next tick, and the tail after the
      // usage event is written (a settlement's commit, for a paid request): two writes. Held
      // until `end()`, which fully uncorks the socket, they leave with the tail in one.
      this.raw.socket?.cork();
      this.settle('succeeded');
    } catch (error) {
      this.failed(error);
    }
  }

  error(error: Error): void {
    this.logger.warn({ requestId: this.requestId, err: error.message }, 'upstream stream broke');
    this.settle('stream_failed');
  }

  private decode(chunk: Buffer): string {
    const text = this.decoder.write(chunk);
    if (this.textCame || text.length === 0) return text;
    this.textCame = true;
    return text.charCodeAt(0) === byteOrderMark ? text.slice(1) : text;
  }

  /** A converter that throws must end this stream, not escape into undici's parser. */
  private failed(error: unknown): void {
    this.logger.error({ requestId: this.requestId, err: describeError(error) }, 'stream relay failed');
    this.response.body.destroy();
    this.settle('stream_failed');
  }

  private settle(completion: Completion): void {
    if (!this.translator) return;
    this.translator = undefined;
    this.raw.off('close', this.onClientClose);
    this.resolve(completion);
  }
}

/** Tells an SDK that the stream did not complete, in its own format, so it raises instead of truncating silently. */
function streamErrorEvent(format: WireFormat): string {
  const message = 'The provider stream ended unexpectedly.';
  if (format === 'anthropic') {
    return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message } })}\n\n`;
  }
  return `data: ${JSON.stringify({ error: { message, type: 'api_error', code: 'upstream_unreachable', param: null } })}\n\n`;
}
