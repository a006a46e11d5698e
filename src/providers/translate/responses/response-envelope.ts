import type { NormalizedUsage } from '../../types.js';
import { isRecord, type JsonObject } from '../json.js';

/** How a translated answer ended, in the Responses API's words. */
export interface ResponseEnding {
  status: 'in_progress' | 'completed' | 'incomplete';
  incompleteReason?: 'max_output_tokens' | 'content_filter' | undefined;
}

/** The Responses ending for a chat `finish_reason`. */
export function endingForFinish(finish: string | null | undefined): ResponseEnding {
  if (finish === 'length') return { status: 'incomplete', incompleteReason: 'max_output_tokens' };
  if (finish === 'content_filter') return { status: 'incomplete', incompleteReason: 'content_filter' };
  return { status: 'completed' };
}

/** Normalised usage in the Responses API's shape. */
export function responsesUsage(usage: NormalizedUsage | null): JsonObject {
  const input = usage?.inputTokens ?? 0;
  const output = usage?.outputTokens ?? 0;
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: usage?.cacheReadTokens ?? 0 },
    output_tokens: output,
    output_tokens_details: { reasoning_tokens: usage?.reasoningTokens ?? 0 },
    total_tokens: input + output,
  };
}

/** `resp_…` / `msg_…` ids from an upstream id, so one answer's ids stay recognisably related. */
export function responseIds(upstreamId: string): { responseId: string; messageId: string } {
  const suffix = upstreamId.replace(/^(chatcmpl-|msg_)/, '');
  return { responseId: `resp_${suffix}`, messageId: `msg_${suffix}` };
}

export interface EnvelopeFields {
  id: string;
  createdAt: number;
  model: string;
  ending: ResponseEnding;
  output: JsonObject[];
  usage: JsonObject | null;
}

/**
 * A whole Responses `response` object: the answer's own fields, and the request's settings
 * echoed as OpenAI echoes them (defaults where the client sent none). Nothing is stored, so
 * `store` is false and there is no `previous_response_id`.
 */
export function responseEnvelope(request: JsonObject, fields: EnvelopeFields): JsonObject {
  const echo = <T>(value: unknown, fallback: T) => (value === undefined || value === null ? fallback : value);
  return {
    id: fields.id,
    object: 'response',
    created_at: fields.createdAt,
    status: fields.ending.status,
    background: false,
    error: null,
    incomplete_details: fields.ending.incompleteReason ? { reason: fields.ending.incompleteReason } : null,
    instructions: echo(request.instructions, null),
    max_output_tokens: echo(request.max_output_tokens, null),
    model: fields.model,
    output: fields.output,
    parallel_tool_calls: echo(request.parallel_tool_calls, true),
    previous_response_id: null,
    reasoning: isRecord(request.reasoning)
      ? { effort: echo(request.reasoning.effort, null), summary: null }
      : { effort: null, summary: null },
    service_tier: 'default',
    store: false,
    temperature: echo(request.temperature, 1),
    text: echo(request.text, { format: { type: 'text' } }),
    tool_choice: echo(request.tool_choice, 'auto'),
    tools: echo(request.tools, []),
    top_p: echo(request.top_p, 1),
    truncation: 'disabled',
    usage: fields.usage,
    user: echo(request.user, null),
    metadata: echo(request.metadata, {}),
  };
}

/** A finished `message` output item with one text part. */
export function messageItem(id: string, text: string, status = 'completed'): JsonObject {
  return {
    id,
    type: 'message',
    status,
    role: 'assistant',
    content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
  };
}

/** A `custom_tool_call` output item (a custom tool's free-text input). */
export function customToolCallItem(
  callId: string,
  name: string,
  input: string,
  status = 'completed',
): JsonObject {
  return { id: `ctc_${callId}`, type: 'custom_tool_call', status, call_id: callId, name, input };
}

/** A `function_call` output item. */
export function functionCallItem(
  callId: string,
  name: string,
  args: string,
  status = 'completed',
): JsonObject {
  return { id: `fc_${callId}`, type: 'function_call', status, call_id: callId, name, arguments: args };
}
