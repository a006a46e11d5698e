import type { Kysely } from 'kysely';
import { TollgateError } from '../../errors/tollgate-error.js';
import { describeError, type Logger } from '../../observability/logger.js';
import type { Database } from '../../store/schema.js';
import type { Limits } from '../configurations/configuration-schema.js';
import { nanoPerCent } from '../usage/usd-decimal.js';
import { keySpendOf, type SpendLimitHold, spendLimitError } from './key-spend.js';
import { periodStart } from './spend-periods.js';
import type { WindowCounter } from './window-counter.js';

const minuteMs = 60_000;

/** What rate limits do while their counter fails (`TOLLGATE_RATE_LIMIT_ON_FAILURE`). */
export interface CounterFailurePolicy {
  mode: 'open' | 'closed';
  logger: Logger;
  /** Counts each failed check by what the request got: `allowed` (open) or `refused` (closed). */
  counted(outcome: 'allowed' | 'refused'): void;
}

/** A counter failure is logged at most this often: during an outage every request hits it. */
const failureLogIntervalMs = 10_000;

/**
 * Enforces a configuration's rate limits per access key before any upstream call: requests
 * per minute (counted on admission) and tokens per minute (counted from metered usage).
 * Counters are shared across instances. Spend limits go with credit holds (key-spend.ts).
 */
export class LimitAdmission {
  private lastFailureLog = 0;

  constructor(
    private readonly counter: WindowCounter,
    private readonly db: Kysely<Database>,
    private readonly onFailure: CounterFailurePolicy,
  ) {}

  /**
   * Counts the request against its key's limits. When the counter (Redis, or the database
   * without Redis) fails, the request is let through (`open`, the default: a limit is a guard
   * against overuse, not a reason to stop serving) or refused with 503 (`closed`); either way
   * the failure is logged and counted in `tollgate_rate_limit_failures_total`.
   */
  async admit(accessKeyId: string, limits: Limits | undefined, now = Date.now()): Promise<void> {
    if (!limits) return;
    try {
      await this.admitCounted(accessKeyId, limits, now);
    } catch (error) {
      if (error instanceof TollgateError) throw error;
      this.counterFailed(error, this.onFailure.mode === 'open' ? 'allowed' : 'refused');
      if (this.onFailure.mode === 'closed') {
        throw new TollgateError(
          this.counter.dependency === 'redis' ? 'redis_unavailable' : 'database_unavailable',
          `Rate limits cannot be checked: ${this.counter.dependency === 'redis' ? 'Redis' : 'the database'} is unavailable.`,
          { headers: { 'retry-after': '1' }, cause: error },
        );
      }
    }
  }

  private counterFailed(error: unknown, outcome: 'allowed' | 'refused'): void {
    this.onFailure.counted(outcome);
    const now = Date.now();
    if (now - this.lastFailureLog < failureLogIntervalMs) return;
    this.lastFailureLog = now;
    this.onFailure.logger.warn(
      {
        err: describeError(error),
        counter: this.counter.dependency,
        outcome,
      },
      'rate-limit counter unavailable',
    );
  }

  private async admitCounted(accessKeyId: string, limits: Limits, now: number): Promise<void> {
    const windowStart = now - (now % minuteMs);
    const retryAfter = String(Math.max(1, Math.ceil((windowStart + minuteMs - now) / 1000)));
    if (limits.requestsPerMinute !== undefined) {
      const count = await this.counter.add(`rpm:${accessKeyId}`, 1, windowStart, minuteMs);
      if (count > limits.requestsPerMinute) {
        throw new TollgateError(
          'rate_limited',
          `Rate limit of ${limits.requestsPerMinute} requests per minute reached.`,
          {
            headers: { 'retry-after': retryAfter },
          },
        );
      }
    }
    if (limits.tokensPerMinute !== undefined) {
      const used = await this.counter.read(`tpm:${accessKeyId}`, windowStart);
      if (used >= limits.tokensPerMinute) {
        throw new TollgateError(
          'rate_limited',
          `Rate limit of ${limits.tokensPerMinute} tokens per minute reached.`,
          {
            headers: { 'retry-after': retryAfter },
          },
        );
      }
    }
  }

  /** Metered tokens count against the tokens-per-minute window they were used in. */
  async recordTokens(
    accessKeyId: string,
    limits: Limits | undefined,
    tokens: number,
    now = Date.now(),
  ): Promise<void> {
    if (limits?.tokensPerMinute === undefined || tokens <= 0) return;
    try {
      await this.counter.add(`tpm:${accessKeyId}`, tokens, now - (now % minuteMs), minuteMs);
    } catch (error) {
      // The answer was served already: a lost count only loosens the limit, it fails nothing.
      this.counterFailed(error, 'allowed');
    }
  }

  /** The key's spend limit for the current period, to be checked with its credit hold. */
  spendLimitFor(
    accessKeyId: string,
    limits: Limits | undefined,
    now = new Date(),
  ): SpendLimitHold | undefined {
    const spend = limits?.spend;
    if (!spend) return undefined;
    return {
      accessKeyId,
      limitCents: spend.amountCents,
      period: spend.period,
      since: periodStart(spend.period, now),
    };
  }

  /** A request that cannot cost anything holds nothing, but a key past its limit is still refused. */
  async refuseIfSpent(limit: SpendLimitHold): Promise<void> {
    const { spent } = await keySpendOf(this.db, limit);
    if (spent >= limit.limitCents * nanoPerCent) throw spendLimitError(limit);
  }
}
