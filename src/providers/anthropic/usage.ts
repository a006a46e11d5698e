import { count, isRecord } from '../translate/json.js';
import type { NormalizedUsage } from '../types.js';

/**
 * Normalises an Anthropic `usage` object. `inputTokens` is the total input: uncached
 * `input_tokens` + `cache_read_input_tokens` + `cache_creation_input_tokens`. The cache writes'
 * lifetimes come from `cache_creation.ephemeral_5m_input_tokens` / `ephemeral_1h_input_tokens`;
 * thinking is billed as output and reported inside `output_tokens`.
 */
export function normalizeAnthropicUsage(usage: unknown): NormalizedUsage | null {
  if (!isRecord(usage)) return null;
  if (
    !('input_tokens' in usage) &&
    !('output_tokens' in usage) &&
    !('cache_read_input_tokens' in usage) &&
    !('cache_creation_input_tokens' in usage)
  ) {
    return null;
  }
  const read = count(usage.cache_read_input_tokens);
  const split = isRecord(usage.cache_creation) ? usage.cache_creation : undefined;
  const oneHour = count(split?.ephemeral_1h_input_tokens);
  // The total is authoritative; a split that claims more than it is trusted for its own sum.
  const write = Math.max(
    count(usage.cache_creation_input_tokens),
    count(split?.ephemeral_5m_input_tokens) + oneHour,
  );
  const outDetails = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : undefined;
  return {
    inputTokens: count(usage.input_tokens) + read + write,
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: read,
    cacheWriteTokens: write,
    cacheWrite1hTokens: oneHour,
    reasoningTokens: count(outDetails?.thinking_tokens),
  };
}

/** Anthropic usage fields as a stream reports them, over `message_start` and `message_delta`. */
export type AnthropicUsageFields = { [key: string]: unknown };

const streamedUsageFields = [
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation',
  'output_tokens_details',
] as const;

/**
 * Folds one event's `usage` into what the stream reported so far: `message_delta` overwrites
 * `message_start` field by field, and a field it leaves out (or sends as null) keeps its value.
 */
export function mergeAnthropicUsage(
  fields: AnthropicUsageFields | null,
  usage: unknown,
): AnthropicUsageFields | null {
  if (!isRecord(usage)) return fields;
  const merged: AnthropicUsageFields = fields ?? {};
  for (const key of streamedUsageFields) {
    const value = usage[key];
    if (value !== undefined && value !== null) merged[key] = value;
  }
  return merged;
}

/** Usage from an Anthropic Messages JSON body (or a `message_start` event's `message`). */
export function extractAnthropicUsage(body: unknown): NormalizedUsage | null {
  if (!isRecord(body)) return null;
  if (isRecord(body.usage)) return normalizeAnthropicUsage(body.usage);
  if (isRecord(body.message)) return normalizeAnthropicUsage(body.message.usage);
  return null;
}
