import type { AccessKeyIdentity } from '../domain/access-keys/access-key-authenticator.js';
import { attemptCost } from '../domain/credits/attempt-cost.js';
import { newId } from '../domain/ids.js';
import type { Candidate } from '../domain/routing/candidate.js';
import { costBreakdownJson, eventTimeNow, pricingJson } from '../domain/usage/usage-event-text.js';
import type { KeySource } from '../domain/usage/usage-event-values.js';
import type { JsonBody } from '../providers/exchange.js';
import type { NormalizedUsage } from '../providers/types.js';
import type { NewUsageEvent } from '../store/schema.js';
import type { AttemptResult } from './attempt-result.js';
import type { GatewayRequestState } from './request-state.js';

/**
 * One upstream attempt: what it needs to run, to translate (it is the translation context) and
 * to be metered. What belongs to the whole request (who pays, the hold, the headers) is on its
 * `state`, the request's lifecycle object.
 */
export interface AttemptContext {
  state: GatewayRequestState;
  candidate: Candidate;
  attemptNumber: number;
  clientBody: JsonBody;
  /** The request's input estimate (computed once, when first needed). */
  inputTokens: () => number;
  /** The `model` the client asked for, echoed in translated responses. */
  clientModel: string;
  streaming: boolean;
  startedAt: number;
  /** The provider's request id for this attempt, once its answer's headers arrived. */
  upstreamRequestId: string | null;
}

export const noUsage: NormalizedUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
};

/** The attempt's usage event, as it is written, with its id. */
export function usageEventOf(
  context: AttemptContext,
  identity: AccessKeyIdentity,
  result: AttemptResult,
  feePerMTokUsd: number,
): NewUsageEvent {
  const { candidate, state } = context;
  const keySource = candidate.credential.source;
  const pricing = candidate.catalogModel?.pricing;
  const cost = attemptCost(result.usage, keySource, pricing, feePerMTokUsd);
  const firewall = state.firewall?.verdict;
  return {
    id: newId('ue'),
    account_id: identity.accountId,
    request_id: state.requestId,
    access_key_id: identity.accessKeyId,
    event_time: eventTimeNow(),
    provider: candidate.provider.id,
    provider_display_name: candidate.provider.name,
    model: candidate.upstreamModel,
    model_display_name: candidate.catalogModel?.name ?? candidate.upstreamModel,
    attempt_number: context.attemptNumber,
    is_final_attempt: result.isFinal ? 1 : 0,
    status_code: result.statusCode,
    timed_out: result.timedOut ? 1 : 0,
    is_error:
      result.statusCode >= 400 || result.statusCode === 0 || result.completion !== 'succeeded' ? 1 : 0,
    is_streaming: context.streaming ? 1 : 0,
    stop_reason: result.stopReason,
    input_tokens: result.usage.inputTokens,
    output_tokens: result.usage.outputTokens,
    cache_read_tokens: result.usage.cacheReadTokens,
    cache_write_tokens: result.usage.cacheWriteTokens,
    reasoning_tokens: result.usage.reasoningTokens,
    cost_nano_usd: cost.costNanoUsd,
    key_source: keySource satisfies KeySource,
    provider_key_id: candidate.credential.source === 'user' ? candidate.credential.keyId : null,
    // The reference's "redacted display form of the provider key" (`first10***last4`).
    provider_key_display_name:
      candidate.credential.source === 'user' ? candidate.credential.keyRedacted : null,
    usage_estimated: result.usageEstimated ? 1 : 0,
    retry_action: result.retryAction,
    completion: result.completion,
    served: result.served ? 1 : 0,
    upstream_duration_ms: Date.now() - context.startedAt,
    pricing_json: pricingJson(cost.pricing),
    cost_breakdown_json: costBreakdownJson(cost.breakdown),
    upstream_request_id: context.upstreamRequestId,
    virtual_model: candidate.virtualModel ?? null,
    firewall_policy_id: firewall?.policyId ?? null,
    firewall_rule: firewall?.rule ?? null,
    firewall_decision: firewall?.decision ?? null,
  };
}
