import type { FastifyReply } from 'fastify';
import { type AttemptContext, recordAttempt } from './attempt-context.js';
import { estimatedUsage } from './usage-estimate.js';

/**
 * Sends a complete upstream JSON answer to the client: the same bytes for a same-format
 * exchange, converted otherwise. The usage event is written first, so that no answer is
 * ever delivered without its record.
 */
export async function relayJson(context: AttemptContext, bytes: Buffer, reply: FastifyReply): Promise<void> {
  const { exchange } = context.candidate;
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const reported = json === undefined ? null : exchange.usageFromJson(json);
  await recordAttempt(context, {
    statusCode: 200,
    timedOut: false,
    stopReason: stopReasonOf(json),
    usage: reported ?? estimatedUsage(null, context.clientBody, text),
    usageEstimated: reported === null,
    completion: 'succeeded',
    served: true,
    isFinal: true,
    retryAction: 'succeeded',
  });
  const payload =
    exchange.translateJson && json !== undefined
      ? JSON.stringify(exchange.translateJson(json, context.clientModel))
      : bytes;
  reply.code(200).headers(context.state.headers()).header('content-type', 'application/json').send(payload);
}

function stopReasonOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const record = json as {
    choices?: Array<{ finish_reason?: unknown }>;
    stop_reason?: unknown;
    status?: unknown;
  };
  const reason = record.choices?.[0]?.finish_reason ?? record.stop_reason ?? null;
  return typeof reason === 'string' ? reason : null;
}
