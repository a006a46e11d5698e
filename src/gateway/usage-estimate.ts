import { estimateTokens } from '../providers/translate/estimate-tokens.js';
import type { NormalizedUsage } from '../providers/types.js';

/**
 * Usage for an attempt that did not finish with the provider's own counts (a broken or
 * abandoned stream): whatever the provider reported so far, topped up with a tokenizer
 * estimate of the request and of what was generated. It is never zero for a request that
 * reached the provider, so an early end is never billed as free.
 */
export function estimatedUsage(
  reported: NormalizedUsage | null,
  requestInputTokens: number,
  generatedText: string,
): NormalizedUsage {
  const inputEstimate = Math.max(1, requestInputTokens);
  const outputEstimate = estimateTokens(generatedText);
  return {
    inputTokens: Math.max(reported?.inputTokens ?? 0, inputEstimate),
    outputTokens: Math.max(reported?.outputTokens ?? 0, outputEstimate),
    cacheReadTokens: reported?.cacheReadTokens ?? 0,
    cacheWriteTokens: reported?.cacheWriteTokens ?? 0,
    cacheWrite1hTokens: reported?.cacheWrite1hTokens ?? 0,
    reasoningTokens: reported?.reasoningTokens ?? 0,
  };
}
