import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Logger } from '../observability/logger.js';
import { clientWantsStreamUsage } from '../providers/exchange.js';
import { SseSplitter } from '../providers/translate/sse-splitter.js';
import type { WireFormat } from '../providers/types.js';
import { type AttemptContext, type Completion, recordAttempt } from './attempt-context.js';
import { estimatedUsage } from './usage-estimate.js';

/**
 * Relays an upstream SSE stream to the client as it arrives, through the exchange's tap or
 * translator (which also captures usage). Whatever way it ends (normally, upstream broken,
 * client gone), the attempt's usage event is written before the client's response is closed.
 */
export async function relayStream(
  context: AttemptContext,
  response: Dispatcher.ResponseData,
  raw: ServerResponse,
  clientFormat: WireFormat,
  logger: Logger,
): Promise<void> {
  const translator = context.candidate.exchange.createStreamTranslator({
    clientWantsUsage: clientWantsStreamUsage(context.clientBody),
    clientModel: context.clientModel,
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
    body.on('data', (chunk: Buffer) => {
      let out = '';
      for (const event of splitter.push(decoder.decode(chunk, { stream: true })))
        out += translator.push(event);
      if (out.length > 0 && !raw.write(out)) {
        body.pause();
        raw.once('drain', () => body.resume());
      }
    });
    body.on('end', () => {
      let out = '';
      for (const event of splitter.push(decoder.decode())) out += translator.push(event);
      for (const event of splitter.flush()) out += translator.push(event);
      out += translator.end();
      if (out.length > 0) raw.write(out);
      settle('succeeded');
    });
    body.on('error', (error: Error) => {
      logger.warn({ requestId: context.state.requestId, err: error.message }, 'upstream stream broke');
      settle('stream_failed');
    });
  });

  const reported = translator.usage();
  const complete = completion === 'succeeded' && reported !== null;
  const usage = complete
    ? reported
    : estimatedUsage(reported, context.clientBody, translator.generatedText());
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
  if (completion === 'stream_failed' && !raw.destroyed) raw.write(streamErrorEvent(clientFormat));
  if (!raw.destroyed) raw.end();
}

/** Tells an SDK that the stream did not complete, in its own format, so it raises instead of truncating silently. */
function streamErrorEvent(format: WireFormat): string {
  const message = 'The provider stream ended unexpectedly.';
  if (format === 'anthropic') {
    return `event: error\ndata: ${JSON.stringify({ type: 'error', error: { type: 'api_error', message } })}\n\n`;
  }
  return `data: ${JSON.stringify({ error: { message, type: 'api_error', code: 'upstream_unreachable', param: null } })}\n\n`;
}
