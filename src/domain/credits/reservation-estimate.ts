import type { JsonBody } from '../../providers/exchange.js';
import { defaultMaxOutputTokens, outputTokenFields } from '../../providers/output-limits.js';
import type { ApiSurface } from '../../providers/types.js';
import type { Candidate } from '../routing/candidate.js';
import { attemptCostBound } from './attempt-cost.js';
import { boundedByWindow, inputTokenBound } from './input-token-bound.js';

/**
 * The attempt's cost, or the largest safe integer when it is beyond exact arithmetic. The
 * gateway's limits (`TOLLGATE_MAX_OUTPUT_TOKENS`, `TOLLGATE_MAX_CHOICES`) keep a request far
 * below that; an operator who raises them gets a hold no account covers
 * (`insufficient_credits`), never a RangeError.
 */
function saturatingCostBound(...args: Parameters<typeof attemptCostBound>): number {
  try {
    return attemptCostBound(...args);
  } catch (error) {
    if (error instanceof RangeError) return Number.MAX_SAFE_INTEGER;
    throw error;
  }
}

/** `n` (and legacy `best_of`) ask for several completions, each up to the output limit. */
function completionsRequested(body: JsonBody): number {
  const counts = [body.n, body.best_of].filter(
    (value): value is number => typeof value === 'number' && value > 1,
  );
  return Math.max(1, ...counts.map((value) => Math.floor(value)));
}

function requestedMaxOutput(body: JsonBody): number | undefined {
  for (const field of outputTokenFields) {
    const value = body[field];
    if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  }
  return undefined;
}

/**
 * The most a request can cost: an upper bound of its input (input-token-bound.ts: not an
 * estimate, so that no provider's count exceeds it) plus its maximum output, priced for each
 * candidate that can cost credits (managed inference, or any attempt when a fee is set),
 * taking the dearest. Only one attempt ever produces tokens (failed ones cost nothing; a
 * started stream is not retried), so the dearest single candidate bounds the request.
 * Zero means the request cannot cost credits and needs no reservation.
 */
export function reservationFor(
  candidates: readonly Candidate[],
  body: JsonBody,
  surface: ApiSurface,
  feePerMTokUsd: number,
): number {
  let dearest = 0;
  let bound: ReturnType<typeof inputTokenBound> | undefined;
  for (const candidate of candidates) {
    const source = candidate.credential.source;
    if (source === 'user' && feePerMTokUsd === 0) continue;
    bound ??= inputTokenBound(body);
    const inputTokens = boundedByWindow(bound, candidate.catalogModel?.contextWindow);
    const outputTokens =
      surface === 'embeddings'
        ? 0
        : completionsRequested(body) *
          (requestedMaxOutput(body) ?? (candidate.catalogModel?.maxOutputTokens || defaultMaxOutputTokens));
    dearest = Math.max(
      dearest,
      saturatingCostBound(inputTokens, outputTokens, source, candidate.catalogModel?.pricing, feePerMTokUsd),
    );
  }
  return dearest;
}
