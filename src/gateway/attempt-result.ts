import type { Completion, RetryAction } from '../domain/usage/usage-event-values.js';
import type { NormalizedUsage } from '../providers/types.js';
import { noUsage } from './attempt-context.js';
import type { AttemptFailure } from './upstream-failure.js';
import { estimatedUsage } from './usage-estimate.js';

export type { Completion };

/** How one attempt ended, as its usage event records it. */
export interface AttemptResult {
  statusCode: number;
  timedOut: boolean;
  stopReason: string | null;
  usage: NormalizedUsage;
  usageEstimated: boolean;
  completion: Completion;
  served: boolean;
  isFinal: boolean;
  retryAction: RetryAction | null;
}

/**
 * The one place an attempt result is made: each way an attempt can end is a function below,
 * and this constructor is the only literal, so what a field means is decided once.
 */
function attemptResult(
  statusCode: number,
  completion: Completion,
  usage: NormalizedUsage,
  usageEstimated: boolean,
  stopReason: string | null,
  retryAction: RetryAction | null,
  served: boolean,
  isFinal: boolean,
  timedOut: boolean,
): AttemptResult {
  return {
    statusCode,
    timedOut,
    stopReason,
    usage,
    usageEstimated,
    completion,
    served,
    isFinal,
    retryAction,
  };
}

/**
 * The provider answered and the client got it (a JSON answer, or a stream however it ended);
 * `statusCode` is the client's (a firewall refusal of the answer sends 403 instead of 200).
 */
export function servedResult(
  statusCode: number,
  completion: Completion,
  stopReason: string | null,
  usage: NormalizedUsage,
  usageEstimated: boolean,
): AttemptResult {
  const retryAction = completion === 'succeeded' ? 'succeeded' : null;
  return attemptResult(
    statusCode,
    completion,
    usage,
    usageEstimated,
    stopReason,
    retryAction,
    true,
    true,
    false,
  );
}

/** The provider failed; `retryAction` says what the failover loop did next. */
export function failedResult(
  failure: AttemptFailure,
  retryAction: RetryAction,
  isFinal: boolean,
): AttemptResult {
  const completion = failure.timedOut ? 'timed_out' : 'failed';
  return attemptResult(
    failure.status,
    completion,
    noUsage,
    false,
    null,
    retryAction,
    false,
    isFinal,
    failure.timedOut,
  );
}

/** The client left before an answer: the provider may still have worked, so input is estimated. */
export function clientGoneResult(inputTokens: number): AttemptResult {
  const usage = estimatedUsage(null, inputTokens, '');
  return attemptResult(499, 'failed', usage, true, 'client_disconnected', null, false, true, false);
}

/** The request was refused before any provider was called (the firewall's request stage). */
export const refusedResult: AttemptResult = attemptResult(
  403,
  'failed',
  noUsage,
  false,
  null,
  'fail_fast',
  false,
  true,
  false,
);
