import type { FastifyReply } from 'fastify';
import type { AttemptContext } from './attempt-context.js';
import { servedResult } from './attempt-result.js';
import { screenAnswer } from './firewall/response-stage.js';
import { generatedTextOf } from './generated-text.js';
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
  // Translated first, so the stop reason is recorded in the client's vocabulary (`stop`, not
  // `end_turn`), as a translating stream reports it.
  const answer = exchange.translateJson && json !== undefined ? exchange.translateJson(json, context) : json;
  // Only requests under a policy with response rules look at the answer's tool calls.
  const firewall = context.state.firewall;
  const refusal = firewall?.screensResponses ? screenAnswer(firewall, answer) : undefined;
  const usage =
    reported ??
    estimatedUsage(null, context.inputTokens(), json === undefined ? text : generatedTextOf(json));
  await context.state.recordAttempt(
    context,
    servedResult(refusal ? refusal.status : 200, 'succeeded', stopReasonOf(answer), usage, reported === null),
  );
  // The provider answered (and is paid); the client gets the refusal instead of the tool call.
  if (refusal) throw refusal;
  const payload = answer === json ? bytes : JSON.stringify(answer);
  context.state.capture?.responded(200, payload);
  reply.code(200).headers(context.state.headers()).header('content-type', 'application/json').send(payload);
}

function stopReasonOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  const record = json as {
    choices?: Array<{ finish_reason?: unknown }>;
    stop_reason?: unknown;
    status?: unknown;
  };
  // Chat and legacy completions, Anthropic messages, then the Responses API's `status`.
  const reason = record.choices?.[0]?.finish_reason ?? record.stop_reason ?? record.status ?? null;
  return typeof reason === 'string' ? reason : null;
}
