import type { Kysely } from 'kysely';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { Database } from '../../store/schema.js';
import type { Limits } from '../configurations/configuration-schema.js';
import { nanoPerCent } from '../usage/usd-decimal.js';
import { keySpendOf, type SpendLimitHold, spendLimitError } from './key-spend.js';
import { periodStart } from './spend-periods.js';
import type { WindowCounter } from './window-counter.js';

const minuteMs = 60_000;

/**
 * Enforces a configuration's rate limits per access key before any upstream call: requests
 * per minute (counted on admission) and tokens per minute (counted from metered usage).
 * Counters are shared across instances. Spend limits go with credit holds (key-spend.ts).
 */
export class LimitAdmission {
  constructor(
    private readonly counter: WindowCounter,
    private readonly db: Kysely<Database>,
  ) {}

  async admit(accessKeyId: string, limits: Limits | undefined, now = Date.now()): Promise<void> {
    if (!limits) return;
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
    await this.counter.add(`tpm:${accessKeyId}`, tokens, now - (now % minuteMs), minuteMs);
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
