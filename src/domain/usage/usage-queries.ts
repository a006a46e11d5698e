import { type Kysely, sql } from 'kysely';
import type { Database, UsageEventRow } from '../../store/schema.js';
import type { UsageCursor } from './usage-cursor.js';
import { toNanoBigInt } from './usd-decimal.js';

/** A time window as stored: ISO-8601 UTC text, so bounds compare as strings on both dialects. */
export interface UsageWindow {
  startTime: string;
  endTime: string;
}

export interface UsageListQuery extends UsageWindow {
  accessKeyId?: string | undefined;
  /** Only events under this firewall policy, with this deciding rule, or with this decision. */
  firewallPolicyId?: string | undefined;
  firewallRule?: string | undefined;
  firewallDecision?: string | undefined;
  /** False: only each request's final attempt, as the reference's default. */
  includeRetries: boolean;
  cursor?: UsageCursor | undefined;
  limit: number;
}

export interface UsageEventPage {
  events: UsageEventRow[];
  /** Where the next page starts, or undefined when this one is the last. */
  next: UsageCursor | undefined;
}

export type UsageGroupBy = 'provider' | 'accessKey' | 'model';

export interface UsageBucket {
  /** `YYYY-MM-DD`, the UTC day. */
  day: string;
  groupKey: string;
  /** Summed over all attempts: a failed attempt can still cost (fee, partial stream). */
  costNanoUsd: bigint;
  /** Final attempts only: one per client request. */
  requests: number;
  /** Final attempts that were errors. */
  errors: number;
}

/** The UTC day of an ISO timestamp: its first ten characters, the same expression on SQLite and Postgres. */
const utcDay = sql<string>`substr(event_time, 1, 10)`;

/** Which columns identify a group; `model` keeps the provider so `gpt-4o` on two providers stays apart. */
const groupColumns = {
  provider: ['provider'],
  accessKey: ['access_key_id'],
  model: ['provider', 'model'],
} as const;

/** Read side of the usage events: account-scoped lists, daily aggregates and one request's attempts. */
export class UsageQueries {
  /** `settled` resolves once this instance's background-written events are in (read-your-writes). */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly settled: () => Promise<void>,
  ) {}

  /** Newest first by `(event_time, id)`, keyset-paged. */
  async list(accountId: string, query: UsageListQuery): Promise<UsageEventPage> {
    await this.settled();
    let select = this.db
      .selectFrom('usage_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('event_time', '>=', query.startTime)
      .where('event_time', '<=', query.endTime);
    if (query.accessKeyId !== undefined) select = select.where('access_key_id', '=', query.accessKeyId);
    if (query.firewallPolicyId !== undefined) {
      select = select.where('firewall_policy_id', '=', query.firewallPolicyId);
    }
    if (query.firewallRule !== undefined) select = select.where('firewall_rule', '=', query.firewallRule);
    if (query.firewallDecision !== undefined) {
      select = select.where('firewall_decision', '=', query.firewallDecision);
    }
    if (!query.includeRetries) select = select.where('is_final_attempt', '=', 1);
    const cursor = query.cursor;
    if (cursor) {
      select = select.where((eb) =>
        eb.or([
          eb('event_time', '<', cursor.eventTime),
          eb.and([eb('event_time', '=', cursor.eventTime), eb('id', '<', cursor.id)]),
        ]),
      );
    }
    // One extra row only tells whether another page exists.
    const rows = await select
      .orderBy('event_time', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
    const events = rows.slice(0, query.limit);
    const last = events.at(-1);
    const next = rows.length > query.limit && last ? { eventTime: last.event_time, id: last.id } : undefined;
    return { events, next };
  }

  /** Per UTC day and group, ordered by day then group key. */
  async overview(accountId: string, window: UsageWindow, groupBy: UsageGroupBy): Promise<UsageBucket[]> {
    await this.settled();
    const columns = groupColumns[groupBy];
    const rows = await this.db
      .selectFrom('usage_events')
      .select(columns)
      .select([
        utcDay.as('day'),
        sql<unknown>`SUM(cost_nano_usd)`.as('cost_nano_usd'),
        sql<unknown>`SUM(is_final_attempt)`.as('requests'),
        // Both flags are 0/1, so their product counts final attempts that were errors.
        sql<unknown>`SUM(is_final_attempt * is_error)`.as('errors'),
      ])
      .where('account_id', '=', accountId)
      .where('event_time', '>=', window.startTime)
      .where('event_time', '<=', window.endTime)
      .groupBy([utcDay, ...columns])
      .execute();
    const buckets = rows.map((row) => ({
      day: row.day,
      groupKey: groupKeyOf(groupBy, row),
      costNanoUsd: toNanoBigInt(row.cost_nano_usd),
      requests: countOf(row.requests),
      errors: countOf(row.errors),
    }));
    // Sorted here, not in SQL: Postgres collations may order text differently from SQLite.
    return buckets.sort((a, b) => compare(a.day, b.day) || compare(a.groupKey, b.groupKey));
  }

  /** Every attempt of one request, in the order they ran; empty when the account has no such request. */
  async attempts(accountId: string, requestId: string): Promise<UsageEventRow[]> {
    await this.settled();
    return this.db
      .selectFrom('usage_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('request_id', '=', requestId)
      .orderBy('attempt_number', 'asc')
      .orderBy('id', 'asc')
      .execute();
  }
}

/** `provider`, access key id, or `provider:model` (the gateway's own model addressing). */
function groupKeyOf(
  groupBy: UsageGroupBy,
  row: { provider: string; model: string; access_key_id: string },
): string {
  if (groupBy === 'accessKey') return row.access_key_id;
  if (groupBy === 'model') return `${row.provider}:${row.model}`;
  return row.provider;
}

/** Sums of 0/1 flags come back as a number (SQLite, Postgres int8) or a string; either is an exact integer. */
function countOf(value: unknown): number {
  return Number(toNanoBigInt(value));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
