import type { Counter } from 'prom-client';
import { describeError, type Logger } from './logger.js';

/**
 * The work that follows an answer and must not fail it: token rate counts, `lastUsed` writes,
 * metrics, clean-ups. Each has a name, which labels its metric.
 */
export type SideEffect =
  | 'usage_followup'
  | 'last_used_write'
  | 'rate_counter_cleanup'
  | 'store_close'
  | 'tracing_shutdown';

/**
 * Where a failed side effect goes instead of a `.catch(() => {})`: a warning with its stack and
 * causes, and `tollgate_side_effect_failures_total{effect}`, so a failure that changes no answer
 * is still seen.
 */
export class SideEffectFailures {
  constructor(
    private readonly logger: Logger,
    private readonly counter: Counter<'effect'>,
  ) {}

  report(effect: SideEffect, error: unknown, requestId?: string): void {
    this.counter.inc({ effect });
    this.logger.warn({ effect, requestId, err: describeError(error) }, `side effect failed: ${effect}`);
  }

  /** A handler for a promise's rejection: `promise.catch(failures.handler('store_close'))`. */
  handler(effect: SideEffect, requestId?: string): (error: unknown) => void {
    return (error) => this.report(effect, error, requestId);
  }
}
