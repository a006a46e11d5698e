import { TollgateError } from '../errors/tollgate-error.js';
import { type AttemptFailure, finalError } from './upstream-failure.js';

/**
 * What one endpoint does at each step of the failover loop. The steps are module constants
 * that take the request's own `run` object, so the loop allocates nothing per request.
 */
export interface FailoverSteps<Run, Candidate> {
  /** True when no one is left to answer (the client hung up): the loop stops without an error. */
  stopped(run: Run): boolean;
  /** Tries one candidate: its failure, or undefined once the request is answered (or abandoned). */
  attempt(
    run: Run,
    candidate: Candidate,
    index: number,
    remainingMs: number,
  ): Promise<AttemptFailure | undefined>;
  /** Told each failure, with the candidate that follows and whether it will be tried. */
  failed?(run: Run, failure: AttemptFailure, next: Candidate | undefined, continues: boolean): Promise<void>;
}

/**
 * The one failover loop, for every endpoint (count_tokens included): each candidate in order
 * until one answers, within `deadline`; a failure moves on only when `isRetryable` said so
 * (`failure.retryable`). Throws the client's error once no candidate is left.
 */
export async function failover<Run, Candidate>(
  run: Run,
  candidates: readonly Candidate[],
  deadline: number,
  steps: FailoverSteps<Run, Candidate>,
): Promise<void> {
  const failures: AttemptFailure[] = [];
  let totalTimedOut = false;
  for (const [index, candidate] of candidates.entries()) {
    if (steps.stopped(run)) return;
    const remainingMs = deadline - Date.now();
    if (remainingMs <= 0) {
      totalTimedOut = true;
      break;
    }
    const failure = await steps.attempt(run, candidate, index, remainingMs);
    if (failure === undefined) return;
    failures.push(failure);
    const next = candidates[index + 1];
    const continues = failure.retryable && next !== undefined && Date.now() < deadline;
    await steps.failed?.(run, failure, next, continues);
    if (!continues) {
      totalTimedOut = failure.retryable && next !== undefined;
      break;
    }
  }
  throw failures.length === 0 ? new TollgateError('request_timeout') : finalError(failures, totalTimedOut);
}
