import type { AccessKeyIdentity } from '../domain/access-keys/access-key-authenticator.js';
import type { RequestCapture } from '../domain/capture/request-capture.js';
import type { CreditHold } from '../domain/credits/credit-hold.js';
import { newId } from '../domain/ids.js';
import type { Candidate, RoutingPlan } from '../domain/routing/candidate.js';
import { formatModelAddress } from '../domain/routing/model-address.js';
import { safeHeaderList, safeHeaderValue } from '../http/header-value.js';
import type { RequestTrace } from '../observability/tracing/gateway-tracing.js';
import type { JsonBody } from '../providers/exchange.js';
import type { ApiSurface } from '../providers/types.js';
import type { NewUsageEvent } from '../store/schema.js';
import { type AttemptContext, usageEventOf } from './attempt-context.js';
import type { AttemptResult } from './attempt-result.js';
import type { RequestFirewall } from './firewall/request-firewall.js';
import type { GatewayDependencies } from './forward.js';
import { giveBackUnsettled, holdToSettle, renewWhileStreaming, takeHold } from './request-hold.js';

/** What no attempt removed: shared, so a request that removes nothing allocates no list. */
const noParams: readonly string[] = Object.freeze([]);

/**
 * The request's lifecycle object, one per request (made when it arrives): it records what the
 * client is told about how the request was served and renders those headers in one place, and,
 * once the request is planned, owns its credit hold (taken, renewed, settled or given back, via
 * `request-hold.ts`) and writes each attempt's usage event with its follow-up. Methods, not
 * closures: nothing beyond this object is allocated per request for any of it.
 */
export class GatewayRequestState {
  readonly requestId = newId('rq');
  readonly startedAt = Date.now();
  /** Filled by the planner with the models it skipped as unusable, also when planning fails. */
  readonly rejectedModels: string[] = [];
  /** The request's span, when tracing is configured. */
  trace: RequestTrace | undefined = undefined;
  /** The request's body capture, only when the account turned capture on. */
  capture: RequestCapture | undefined = undefined;
  /** The request's firewall, when its key's configuration attaches a policy (docs/firewall.md). */
  firewall: RequestFirewall | undefined = undefined;
  /**
   * The credit hold, when the request can cost credits. Written only by `takeHold` (request-hold.ts,
   * through this object's `takeHold`); settled or given back through this object's methods.
   */
  hold: CreditHold | undefined = undefined;

  private attempts = 0;
  private served: Candidate | undefined = undefined;
  private removedParams: readonly string[] = noParams;
  /** The request id of the provider that answered last, if it sent one. */
  private upstreamRequestId: string | undefined = undefined;

  // Known once the request is planned: who pays, and what its settlement and follow-up need.
  private dependencies: GatewayDependencies | undefined = undefined;
  private identity: AccessKeyIdentity | undefined = undefined;
  private plan: RoutingPlan | undefined = undefined;
  /** How long an exact hold lives unless renewed (the account's total timeout). */
  private holdMs = 0;

  /** @param maxHeaderValueLength caps each header (`TOLLGATE_MAX_HEADER_VALUE_LENGTH`). */
  constructor(private readonly maxHeaderValueLength = 1_024) {}

  /** The request is planned: from here on it can hold credits and leave usage events. */
  planned(
    dependencies: GatewayDependencies,
    identity: AccessKeyIdentity,
    plan: RoutingPlan,
    holdMs: number,
  ): void {
    this.dependencies = dependencies;
    this.identity = identity;
    this.plan = plan;
    this.holdMs = holdMs;
  }

  /** Attempt `attemptNumber` (from 1) begins. */
  attemptStarted(attemptNumber: number): void {
    this.attempts = attemptNumber;
  }

  /** The parameters the attempt's model does not take, removed from its body. */
  paramsRemoved(params: readonly string[]): void {
    this.removedParams = params;
  }

  /** An attempt's answer arrived, with the provider's request id if it sent one. */
  upstreamAnswered(upstreamRequestId: string | undefined): void {
    this.upstreamRequestId = upstreamRequestId;
  }

  /** The candidate whose answer the client gets. */
  servedBy(candidate: Candidate): void {
    this.served = candidate;
  }

  /**
   * The one place the response headers are rendered, for every answer and error. Model names
   * come from the client (validated, but a `models` entry that was rejected may be anything the
   * limits let through): every value is made safe to send and capped.
   */
  headers(): Record<string, string> {
    const max = this.maxHeaderValueLength;
    const served = this.served;
    const headers: Record<string, string> = {
      'tollgate-request-id': this.requestId,
      'tollgate-attempts': String(this.attempts),
      'tollgate-model': served
        ? safeHeaderValue(formatModelAddress(served.provider.id, served.upstreamModel), max)
        : '',
      'tollgate-removed-params': safeHeaderList(this.removedParams, max),
      'tollgate-rejected-models': safeHeaderList(this.rejectedModels, max),
    };
    // Under both names the SDKs read (`x-request-id`: OpenAI, `request-id`: Anthropic), whichever
    // format the provider spoke: a translated answer's client reads its own SDK's header.
    if (this.upstreamRequestId !== undefined) {
      const id = safeHeaderValue(this.upstreamRequestId, max);
      headers['x-request-id'] = id;
      headers['request-id'] = id;
    }
    return headers;
  }

  /** Holds the request's maximum cost before any upstream call (none when it cannot cost credits). */
  takeHold(body: JsonBody, surface: ApiSurface): Promise<void> {
    return takeHold(this, this.dependencies!, this.identity!, this.plan!, body, surface, this.holdMs);
  }

  /** While a started stream runs: the timer to clear when it ends, if the hold needs renewing. */
  renewHoldWhileStreaming(): NodeJS.Timeout | undefined {
    const { ledger, logger } = this.dependencies!;
    return renewWhileStreaming(this.hold, this.holdMs, ledger, this.requestId, logger);
  }

  /**
   * Once the request ended: frees a hold no final usage event settled (an error before any
   * attempt). Undefined when there is nothing to give back, so the caller awaits only a release.
   */
  giveBackHold(): Promise<void> | undefined {
    return this.hold === undefined ? undefined : giveBackUnsettled(this.dependencies!.credits, this.hold);
  }

  /**
   * Writes an attempt's usage event (the final one settles the hold, in the same transaction),
   * then its follow-up. Resolves once the event is written: before the client's answer completes.
   */
  async recordAttempt(context: AttemptContext, result: AttemptResult): Promise<void> {
    const { recorder, feePerMTokUsd } = this.dependencies!;
    const event = usageEventOf(context, this.identity!, result, feePerMTokUsd);
    await recorder.record(event, holdToSettle(this.hold, result.isFinal));
    await this.followUp(event);
  }

  /**
   * An attempt that was never sent (the firewall refused the request): its event is written so
   * the request log shows it, with no follow-up, since no provider or token was used.
   */
  async recordUnsent(context: AttemptContext, result: AttemptResult): Promise<void> {
    const { recorder, feePerMTokUsd } = this.dependencies!;
    await recorder.record(usageEventOf(context, this.identity!, result, feePerMTokUsd));
  }

  /**
   * After each usage event is written: metrics, the trace, provider-key lastUsed, token rate
   * counts. Never rejects: the request was served already, so a failure is reported.
   */
  private async followUp(event: NewUsageEvent): Promise<void> {
    const dependencies = this.dependencies!;
    try {
      dependencies.metrics.models.attempt(event);
      this.trace?.endAttempt(event);
      if (event.provider_key_id) dependencies.providerKeyLastUsed.markUsed(event.provider_key_id);
      await dependencies.limits.recordTokens(
        this.identity!.accessKeyId,
        this.plan!.configuration?.limits,
        event.input_tokens + event.output_tokens,
      );
    } catch (error) {
      dependencies.sideEffectFailures.report('usage_followup', error, this.requestId);
    }
  }
}
