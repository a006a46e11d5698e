import type { Kysely } from 'kysely';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { Database } from '../../store/schema.js';
import type { Limits } from '../configurations/configuration-schema.js';
import type { WindowCounter } from './window-counter.js';

const minuteMs = 60_000;
const nanoPerCent = 10_000_000;

/**
 * Enforces a configuration's `limits` per access key before any upstream call:
 * requests per minute (counted on admission), tokens per minute (counted from metered usage),
 * and spend per period (from the key's usage events). Counters are shared across instances.
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
      const used = await this.counter.add(`tpm:${accessKeyId}`, 0, windowStart, minuteMs);
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
    if (limits.spend !== undefined) {
      const spent = await this.spentSince(accessKeyId, periodStart(limits.spend.period, new Date(now)));
      if (spent >= limits.spend.amountCents * nanoPerCent) {
        throw new TollgateError(
          'spend_limit_exceeded',
          `Spend limit of ${limits.spend.amountCents} cents per ${limits.spend.period} reached.`,
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

  private async spentSince(accessKeyId: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('usage_events')
      .select((eb) => eb.fn.sum<number | string | null>('cost_nano_usd').as('spent'))
      .where('access_key_id', '=', accessKeyId)
      .where('event_time', '>=', since)
      .executeTakeFirst();
    return Number(row?.spent ?? 0);
  }
}

/** Periods start at UTC boundaries: midnight, Monday, the 1st; `total` is all time. */
export function periodStart(period: 'day' | 'week' | 'month' | 'total', now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  if (period === 'day') return day.toISOString();
  if (period === 'week') {
    const sinceMonday = (day.getUTCDay() + 6) % 7;
    return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString();
  }
  if (period === 'month') return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
  return new Date(0).toISOString();
}
