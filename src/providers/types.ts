/** The two wire formats Tollgate speaks, upstream and to clients. */
export type WireFormat = 'openai' | 'anthropic';

/** API surfaces a provider may expose; each maps to one upstream path. */
export type ApiSurface = 'chat-completions' | 'completions' | 'embeddings' | 'responses' | 'messages';

/** Token counts normalised across formats. Input excludes nothing: cached tokens are part of it. */
export interface NormalizedUsage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens served from the provider's prompt cache (priced as cached input). */
  cacheReadTokens: number;
  /** Input tokens written to the provider's prompt cache (Anthropic only), whatever their lifetime. */
  cacheWriteTokens: number;
  /**
   * The part of `cacheWriteTokens` written for one hour (priced apart from 5-minute writes); the
   * rest lived 5 minutes, Anthropic's default and all a provider reporting no split can have meant.
   */
  cacheWrite1hTokens: number;
  /** Output tokens spent on reasoning (OpenAI `reasoning_tokens`): part of `outputTokens`, priced as output. */
  reasoningTokens: number;
}

/** One Server-Sent Event as it came off the wire. `raw` is the exact bytes of the block, blank line included. */
export interface SseEvent {
  event: string | undefined;
  data: string;
  raw: string;
}

/**
 * Turns an upstream SSE stream of one format into the client's format, event by event,
 * while keeping what metering needs. Same-format streams use a pass-through tap instead.
 */
export interface StreamTranslator {
  /** Client-format SSE text to send for this upstream event (possibly empty). */
  push(event: SseEvent): string;
  /** Client-format SSE text to send when the upstream stream ended normally. */
  end(): string;
  /** Usage reported by the upstream so far, or null if it sent none. */
  usage(): NormalizedUsage | null;
  /** Upstream stop reason in the client's vocabulary, or null. */
  stopReason(): string | null;
  /** Text generated so far (for a tokenizer estimate when the stream broke). */
  generatedText(): string;
}
