import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CaptureStore } from '../../domain/capture/capture-store.js';
import { firewallDecisions } from '../../domain/firewall/firewall-verdict.js';
import { chargeView } from '../../domain/usage/charge-view.js';
import { decodeUsageCursor, encodeUsageCursor, type UsageCursor } from '../../domain/usage/usage-cursor.js';
import { completions, keySources, retryActions } from '../../domain/usage/usage-event-values.js';
import {
  type UsageBucket as DailyUsage,
  UsageQueries,
  type UsageWindow,
} from '../../domain/usage/usage-queries.js';
import type { UsageRecorder } from '../../domain/usage/usage-recorder.js';
import { formatNanoUsd } from '../../domain/usage/usd-decimal.js';
import { TollgateError } from '../../errors/tollgate-error.js';
import type { Database, UsageEventRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { member, uriOf } from '../resource-views.js';
import {
  type UsageAttempt,
  type UsageBucket,
  type UsageEvent,
  type UsageList,
  type UsageOverview,
  type UsageRequest,
  usageListQuery,
  usageOverviewQuery,
} from '../schemas/usage-schemas.js';
import { parseInput } from '../validation.js';

const requestParams = z.object({ requestId: z.string().min(1) });

/**
 * The reference's AIGatewayUsageEvent, plus Tollgate's exact `costNanoUsd`, `usageEstimated` and
 * `cacheWriteTokens`. `stopReason` is a required, non-nullable string there, so an attempt without
 * one (an error, a broken stream) reads as `''`.
 */
export function usageEventView(row: UsageEventRow): UsageEvent {
  return {
    id: row.id,
    eventTime: row.event_time,
    requestId: row.request_id,
    accessKeyId: row.access_key_id,
    provider: row.provider,
    providerDisplayName: row.provider_display_name,
    model: row.model,
    modelDisplayName: row.model_display_name,
    attemptNumber: row.attempt_number,
    isFinalAttempt: row.is_final_attempt === 1,
    statusCode: row.status_code,
    timedOut: row.timed_out === 1,
    isError: row.is_error === 1,
    isStreaming: row.is_streaming === 1,
    stopReason: row.stop_reason ?? '',
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    cacheReadTokens: row.cache_read_tokens,
    cacheWriteTokens: row.cache_write_tokens,
    reasoningTokens: row.reasoning_tokens,
    totalCost: formatNanoUsd(row.cost_nano_usd),
    costNanoUsd: row.cost_nano_usd,
    usageEstimated: row.usage_estimated === 1,
    keySource: member(keySources, row.key_source, 'usage_events.key_source'),
    // The reference's field: the virtual model the client named, when the attempt served one of its targets.
    ...(row.virtual_model !== null ? { virtualModel: row.virtual_model } : {}),
    // The reference: present only when the attempt used the account's own (BYOK) key.
    ...(row.key_source === 'user' && row.provider_key_id !== null
      ? { providerKeyId: row.provider_key_id }
      : {}),
    ...(row.key_source === 'user' && row.provider_key_display_name !== null
      ? { providerKeyDisplayName: row.provider_key_display_name }
      : {}),
    // Tollgate's addition (docs/firewall.md): null when no firewall policy applied.
    firewallPolicyId: row.firewall_policy_id,
    firewallRule: row.firewall_rule,
    firewallDecision: member(firewallDecisions, row.firewall_decision, 'usage_events.firewall_decision'),
  };
}

/** A USD amount in the reference's string form, with the exact integer beside it. */
function costFields(costNanoUsd: bigint) {
  return { cost: formatNanoUsd(costNanoUsd), costNanoUsd: Number(costNanoUsd) };
}

function bucketView(bucket: DailyUsage): UsageBucket {
  return {
    bucketStart: `${bucket.day}T00:00:00Z`,
    groupKey: bucket.groupKey,
    ...costFields(bucket.costNanoUsd),
    requests: bucket.requests,
    errors: bucket.errors,
  };
}

function totalsView(buckets: DailyUsage[]): UsageOverview['totals'] {
  let costNanoUsd = 0n;
  let requests = 0;
  let errors = 0;
  for (const bucket of buckets) {
    costNanoUsd += bucket.costNanoUsd;
    requests += bucket.requests;
    errors += bucket.errors;
  }
  return { ...costFields(costNanoUsd), requests, errors };
}

/**
 * Stored timestamps are `toISOString()` text, so bounds are normalised to that exact form (UTC,
 * milliseconds) before they are compared as strings; `endTime` defaults to now.
 */
function resolveWindow(query: { startTime: string; endTime?: string | undefined }): UsageWindow {
  const window = {
    startTime: new Date(query.startTime).toISOString(),
    endTime: new Date(query.endTime ?? Date.now()).toISOString(),
  };
  if (window.endTime < window.startTime) {
    throw new TollgateError('validation_failed', 'Invalid request: endTime: must not be before startTime', {
      details: { endTime: 'must not be before startTime' },
    });
  }
  return window;
}

function decodeCursor(text: string | undefined): UsageCursor | undefined {
  if (text === undefined) return undefined;
  const cursor = decodeUsageCursor(text);
  if (!cursor) {
    throw new TollgateError('validation_failed', 'Invalid request: cursor: not a cursor from a nextPageUri', {
      details: { cursor: 'not a cursor from a nextPageUri' },
    });
  }
  return cursor;
}

/** One upstream attempt of a request: its usage event and what the gateway made of it. */
function attemptView(row: UsageEventRow): UsageAttempt {
  return {
    event: usageEventView(row),
    served: row.served === 1,
    retryAction: member(retryActions, row.retry_action, 'usage_events.retry_action'),
    completion: member(completions, row.completion, 'usage_events.completion'),
    upstreamDurationMs: row.upstream_duration_ms,
    // Tollgate's addition: each component at the unit prices this attempt was charged at.
    charge: chargeView(row.pricing_json, row.cost_breakdown_json),
    upstreamRequestId: row.upstream_request_id,
  };
}

export function registerUsageRoutes(
  app: FastifyInstance,
  db: Kysely<Database>,
  recorder: UsageRecorder,
  captures: CaptureStore,
): void {
  // Read-your-writes, but a failing database must not hold reads for long.
  const queries = new UsageQueries(db, async () => {
    await recorder.settled(5_000);
  });

  app.get('/usage', async (request): Promise<UsageList> => {
    const caller = callerOf(request);
    const query = parseInput(usageListQuery, request.query);
    const window = resolveWindow(query);
    const page = await queries.list(caller.accountId, {
      ...window,
      accessKeyId: query.accessKeyId,
      firewallPolicyId: query.firewallPolicyId,
      firewallRule: query.firewallRule,
      firewallDecision: query.firewallDecision,
      includeRetries: query.includeRetries === 'true',
      cursor: decodeCursor(query.cursor),
      limit: query.limit,
    });
    const self = {
      startTime: query.startTime,
      endTime: query.endTime,
      accessKeyId: query.accessKeyId,
      firewallPolicyId: query.firewallPolicyId,
      firewallRule: query.firewallRule,
      firewallDecision: query.firewallDecision,
      includeRetries: query.includeRetries,
    };
    return {
      aiGatewayUsage: page.events.map(usageEventView),
      uri: uriOf(caller, '/usage', { ...self, cursor: query.cursor, limit: String(query.limit) }),
      // The resolved endTime is pinned so every later page reads the same window.
      nextPageUri: page.next
        ? uriOf(caller, '/usage', {
            ...self,
            endTime: window.endTime,
            cursor: encodeUsageCursor(page.next),
            limit: String(query.limit),
          })
        : null,
    };
  });

  app.get('/usage/overview', async (request): Promise<UsageOverview> => {
    const caller = callerOf(request);
    const query = parseInput(usageOverviewQuery, request.query);
    const buckets = await queries.overview(caller.accountId, resolveWindow(query), query.groupBy);
    return {
      uri: uriOf(caller, '/usage/overview', {
        startTime: query.startTime,
        endTime: query.endTime,
        groupBy: query.groupBy,
      }),
      buckets: buckets.map(bucketView),
      totals: totalsView(buckets),
    };
  });

  app.get('/usage/requests/:requestId', async (request): Promise<UsageRequest> => {
    const caller = callerOf(request);
    const { requestId } = parseInput(requestParams, request.params);
    // Scoped by account: another account's request id reads exactly like an unknown one.
    const rows = await queries.attempts(caller.accountId, requestId);
    await captures.settled();
    const capture = await captures.read(caller.accountId, requestId);
    // A captured request refused before any upstream attempt has no usage event, only its capture.
    if (rows.length === 0 && !capture) {
      throw new TollgateError('not_found', `Request ${requestId} was not found.`);
    }
    return {
      uri: `${caller.baseUrl}/usage/requests/${encodeURIComponent(requestId)}`,
      requestId,
      attempts: rows.map(attemptView),
      // Present only when the account captured this request and the capture has not expired.
      ...(capture ? { capture } : {}),
    };
  });
}
