import type { AccessKeyIdentity } from '../domain/access-keys/access-key-authenticator.js';
import { attemptCost } from '../domain/credits/attempt-cost.js';
import type { CreditHold } from '../domain/credits/credit-hold.js';
import type { CreditLedger } from '../domain/credits/credit-ledger.js';
import type { Candidate } from '../domain/routing/candidate.js';
import type { UsageRecorder } from '../domain/usage/usage-recorder.js';
import type { JsonBody } from '../providers/exchange.js';
import type { NormalizedUsage } from '../providers/types.js';
import type { NewUsageEvent } from '../store/schema.js';
import { holdToSettle } from './request-hold.js';
import type { GatewayRequestState } from './request-state.js';

export type Completion = 'succeeded' | 'failed' | 'timed_out' | 'stream_failed' | 'unknown';

/** Everything one upstream attempt needs to run and to be metered. */
export interface AttemptContext {
  state: GatewayRequestState;
  identity: AccessKeyIdentity;
  candidate: Candidate;
  attemptNumber: number;
  clientBody: JsonBody;
  /** The request's input estimate (computed once, when first needed). */
  inputTokens: () => number;
  /** The `model` the client asked for, echoed in translated responses. */
  clientModel: string;
  streaming: boolean;
  startedAt: number;
  feePerMTokUsd: number;
  recorder: UsageRecorder;
  ledger: CreditLedger;
  /** The request's credit hold, if it can cost credits; settled by its final attempt. */
  hold: CreditHold | undefined;
  /** How long an exact hold lives unless renewed (the account's total timeout). */
  holdMs: number;
  /** The provider's request id for this attempt, once its answer's headers arrived. */
  upstreamRequestId: string | null;
  /**
   * Told each usage event once it is written: token rate limits, metrics, provider-key lastUsed.
   * It never rejects: it reports its own failures (logged and counted), since the answer stands.
   */
  onRecorded(event: NewUsageEvent): Promise<void>;
}

export interface AttemptResult {
  statusCode: number;
  timedOut: boolean;
  stopReason: string | null;
  usage: NormalizedUsage;
  usageEstimated: boolean;
  completion: Completion;
  served: boolean;
  isFinal: boolean;
  retryAction: string | null;
}

export const noUsage: NormalizedUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  cacheWrite1hTokens: 0,
  reasoningTokens: 0,
};

/** Writes the attempt's usage event (and, when it moves money, its settlement) in one transaction. */
export async function recordAttempt(context: AttemptContext, result: AttemptResult): Promise<NewUsageEvent> {
  const { candidate, identity, state } = context;
  const keySource = candidate.credential.source;
  const pricing = candidate.catalogModel?.pricing;
  const cost = attemptCost(result.usage, keySource, pricing, context.feePerMTokUsd);
  const firewall = state.firewall?.verdict;
  const release = holdToSettle(context.hold, result.isFinal);
  const event = await context.recorder.record(
    {
      account_id: identity.accountId,
      request_id: state.requestId,
      access_key_id: identity.accessKeyId,
      event_time: new Date().toISOString(),
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
      key_source: keySource,
      provider_key_id: candidate.credential.source === 'user' ? candidate.credential.keyId : null,
      // The reference's "redacted display form of the provider key" (`first10***last4`).
      provider_key_display_name:
        candidate.credential.source === 'user' ? candidate.credential.keyRedacted : null,
      usage_estimated: result.usageEstimated ? 1 : 0,
      retry_action: result.retryAction,
      completion: result.completion,
      served: result.served ? 1 : 0,
      upstream_duration_ms: Date.now() - context.startedAt,
      pricing_json: JSON.stringify(cost.pricing),
      cost_breakdown_json: JSON.stringify(cost.breakdown),
      upstream_request_id: context.upstreamRequestId,
      virtual_model: candidate.virtualModel ?? null,
      firewall_policy_id: firewall?.policyId ?? null,
      firewall_rule: firewall?.rule ?? null,
      firewall_decision: firewall?.decision ?? null,
    },
    release,
  );
  await context.onRecorded(event);
  return event;
}
