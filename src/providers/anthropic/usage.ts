import { count, isRecord } from '../translate/json.js';
import type { NormalizedUsage } from '../types.js';

/**
 * Normalises an Anthropic `usage` object. `inputTokens` is the total input: uncached
 * `input_tokens` + `cache_read_input_tokens` + `cache_creation_input_tokens`.
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
  const write = count(usage.cache_creation_input_tokens);
  const outDetails = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : undefined;
  return {
    inputTokens: count(usage.input_tokens) + read + write,
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: read,
    cacheWriteTokens: write,
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
