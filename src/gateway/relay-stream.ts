import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import { describeError, type Logger } from '../observability/logger.js';
import { clientWantsStreamUsage } from '../providers/exchange.js';
import { SseSplitter } from '../providers/translate/sse-splitter.js';
import type { WireFormat } from '../providers/types.js';
import { type AttemptContext, type Completion, recordAttempt } from './attempt-context.js';
import { estimatedUsage } from './usage-estimate.js';

/**
 * Relays an upstream SSE stream to the client as it arrives, through the exchange's tap or
 * translator (which also captures usage). Whatever way it ends (normally, upstream broken,
 * client gone), the attempt's usage event is recorded before the stream's last bytes are sent
 * and the response is closed.
 */
export async function relayStream(
  context: AttemptContext,
  response: Dispatcher.ResponseData,
  raw: ServerResponse,
  clientFormat: WireFormat,
  logger: Logger,
): Promise<void> {
  // The attempt's context is the translation context: no object is built for it.
  const translator = context.candidate.exchange.createStreamTranslator(context, {
    clientWantsUsage: clientWantsStreamUsage(context.clientBody),
  });
  const splitter = new SseSplitter();
  const decoder = new TextDecoder();
  raw.writeHead(200, {
    ...context.state.headers(),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });

  const body = response.body;
  // A started stream has no total deadline, so its exact credit hold is renewed while it runs;
  // otherwise upkeep would free it as a crashed instance's and others could spend the same
  // credits. (A hold from a lease lives as long as the lease, which the instance renews.)
  const reservation = context.hold?.source.kind === 'exact' ? context.hold.source.reservation : undefined;
  const holdMs = context.holdMs;
  const renewal = reservation
    ? setInterval(
        () => {
          context.ledger.extend(reservation, holdMs).catch((error: unknown) => {
            logger.warn(
              { requestId: context.state.requestId, err: describeError(error) },
              'credit hold renewal failed',
            );
          });
        },
        Math.max(1_000, holdMs / 2),
      )
    : undefined;
  // The stream's last bytes go out with the end of the response: one write instead of two.
  let tail = '';
  const completion = await new Promise<Completion>((resolve) => {
    let settled = false;
    const settle = (outcome: Completion) => {
      if (settled) return;
      settled = true;
      raw.off('close', onClientClose);
      resolve(outcome);
    };
    const onClientClose = () => {
      if (!raw.writableFinished) {
        body.destroy();
        settle('stream_failed');
      }
    };
    raw.on('close', onClientClose);
    // A converter that throws must end this stream, not escape from a stream callback and
    // take the process down with every other request.
    const failed = (error: unknown) => {
      logger.error({ requestId: context.state.requestId, err: describeError(error) }, 'stream relay failed');
      body.destroy();
      settle('stream_failed');
    };
    body.on('data', (chunk: Buffer) => {
      try {
        let out = '';
        for (const event of splitter.push(decoder.decode(chunk, { stream: true })))
          out += translator.push(event);
        if (out.length > 0 && !raw.write(out)) {
          body.pause();
          raw.once('drain', () => body.resume());
        }
      } catch (error) {
        failed(error);
      }
    });
    body.on('end', () => {
      try {
        let out = '';
        for (const event of splitter.push(decoder.decode())) out += translator.push(event);
        for (const event of splitter.flush()) out += translator.push(event);
        tail = out + translator.end();
        settle('succeeded');
      } catch (error) {
        failed(error);
      }
    });
    body.on('error', (error: Error) => {
      logger.warn({ requestId: context.state.requestId, err: error.message }, 'upstream stream broke');
      settle('stream_failed');
    });
  });

  clearInterval(renewal);
  const reported = translator.usage();
  // Counts alone are not enough: a stream that ended without its stop reason (an error event
  // mid-stream) may have generated more than its opening counts say.
  const complete = completion === 'succeeded' && reported !== null && translator.stopReason() !== null;
  const usage = complete
    ? reported
    : estimatedUsage(reported, context.inputTokens(), translator.generatedText());
  try {
    await recordAttempt(context, {
      statusCode: 200,
      timedOut: false,
      stopReason: translator.stopReason(),
      usage,
      usageEstimated: !complete,
      completion,
      served: true,
      isFinal: true,
      retryAction: completion === 'succeeded' ? 'succeeded' : null,
    });
  } finally {
    // The response is already under way: whatever happened to its record, the client must
    // not be left hanging on an open stream (the error itself reaches the error handler's log).
    if (completion === 'stream_failed') tail += streamErrorEvent(clientFormat);
    if (!raw.destroyed) raw.end(tail);
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
