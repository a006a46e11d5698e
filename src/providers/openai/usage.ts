import { count, isRecord } from '../translate/json.js';
import type { NormalizedUsage } from '../types.js';

/**
 * Normalises an OpenAI-format `usage` object: Chat/legacy Completions and Embeddings
 * (`prompt_tokens`, ...) or the Responses API (`input_tokens`, ...). Null if it is neither.
 */
export function normalizeOpenAIUsage(usage: unknown): NormalizedUsage | null {
  if (!isRecord(usage)) return null;
  if ('input_tokens' in usage || 'output_tokens' in usage) {
    const input = count(usage.input_tokens);
    const inDetails = isRecord(usage.input_tokens_details) ? usage.input_tokens_details : undefined;
    const outDetails = isRecord(usage.output_tokens_details) ? usage.output_tokens_details : undefined;
    return {
      inputTokens: input,
      outputTokens: count(usage.output_tokens),
      cacheReadTokens: Math.min(input, count(inDetails?.cached_tokens)),
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: count(outDetails?.reasoning_tokens),
    };
  }
  if ('prompt_tokens' in usage || 'completion_tokens' in usage || 'total_tokens' in usage) {
    const input = count(usage.prompt_tokens);
    const promptDetails = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : undefined;
    const completionDetails = isRecord(usage.completion_tokens_details)
      ? usage.completion_tokens_details
      : undefined;
    // DeepSeek reports cache hits as a top-level `prompt_cache_hit_tokens`.
    const cached = count(promptDetails?.cached_tokens) || count(usage.prompt_cache_hit_tokens);
    return {
      inputTokens: input,
      outputTokens: count(usage.completion_tokens),
      cacheReadTokens: Math.min(input, cached),
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: count(completionDetails?.reasoning_tokens),
    };
  }
  return null;
}

/**
 * Usage from an OpenAI-format JSON response body (chat.completion, text_completion, embeddings list,
 * Responses `response` object, or a Responses stream event wrapping one in `response`).
 */
export function extractOpenAIUsage(body: unknown): NormalizedUsage | null {
  if (!isRecord(body)) return null;
  if (body.usage !== undefined && body.usage !== null) return normalizeOpenAIUsage(body.usage);
  if (isRecord(body.response)) return normalizeOpenAIUsage(body.response.usage);
  return null;
}
