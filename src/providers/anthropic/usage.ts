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

/** Usage from an Anthropic Messages JSON body (or a `message_start` event's `message`). */
export function extractAnthropicUsage(body: unknown): NormalizedUsage | null {
  if (!isRecord(body)) return null;
  if (isRecord(body.usage)) return normalizeAnthropicUsage(body.usage);
  if (isRecord(body.message)) return normalizeAnthropicUsage(body.message.usage);
  return null;
}
