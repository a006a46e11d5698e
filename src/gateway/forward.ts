import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RequestLimits } from '../config/settings.js';
import type { AccessKeyAuthenticator } from '../domain/access-keys/access-key-authenticator.js';
import type { LastUsedTracker } from '../domain/access-keys/last-used-tracker.js';
import type { CaptureStore } from '../domain/capture/capture-store.js';
import { RequestCapture } from '../domain/capture/request-capture.js';
import type { CreditLeases } from '../domain/credits/credit-leases.js';
import type { CreditLedger } from '../domain/credits/credit-ledger.js';
import type { FirewallPolicyCache } from '../domain/firewall/firewall-policy-cache.js';
import type { GatewayConfig, GatewayConfigStore } from '../domain/gateway-config/gateway-config-store.js';
import type { LimitAdmission } from '../domain/limits/limit-admission.js';
import type { Candidate } from '../domain/routing/candidate.js';
import type { RoutingPlanner } from '../domain/routing/routing-planner.js';
import type { RetryAction } from '../domain/usage/usage-event-values.js';
import type { UsageRecorder } from '../domain/usage/usage-recorder.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { SideEffectFailures } from '../observability/side-effect-failures.js';
import type { JsonBody } from '../providers/exchange.js';
import { inputTokensOnce } from '../providers/translate/estimate-tokens.js';
import type { UpstreamClient } from '../upstream/upstream-client.js';
import { admitRequest } from './admission.js';
import type { AttemptContext } from './attempt-context.js';
import { clientGoneResult, failedResult } from './attempt-result.js';
import { ClientWatch } from './client-watch.js';
import type { GatewayEndpoint } from './endpoints.js';
import { type FailoverSteps, failover } from './failover.js';
import { passRequestStage } from './firewall/request-stage-gate.js';
import { asJsonBody } from './request-body.js';
import { checkRequestLimits } from './request-limits.js';
import type { GatewayRequestState } from './request-state.js';
import { runAttempt } from './run-attempt.js';

export interface GatewayDependencies {
  authenticator: AccessKeyAuthenticator;
  planner: RoutingPlanner;
  upstream: UpstreamClient;
  guardedUpstream: UpstreamClient;
  recorder: UsageRecorder;
  logger: Logger;
  instanceId: string;
  feePerMTokUsd: number;
  gatewayConfigs: GatewayConfigStore;
  limits: LimitAdmission;
  ledger: CreditLedger;
  /** Credit holds: from this instance's leases in memory, or exact in the database. */
  credits: CreditLeases;
  metrics: Metrics;
  /** Where a usage event's follow-up work (rate counts, metrics, lastUsed) reports a failure. */
  sideEffectFailures: SideEffectFailures;
  /** Batches provider keys' `lastUsed`, like access keys'. */
  providerKeyLastUsed: LastUsedTracker;
  /** What one request may ask for (`TOLLGATE_MAX_*`), checked before any routing. */
  requestLimits: RequestLimits;
  /** Where captured requests go (opt-in per account, see gateway-config). */
  captures: CaptureStore;
  /** Compiled firewall policies, read only for keys whose configuration attaches one. */
  firewallPolicies: FirewallPolicyCache;
}

/**
 * The one forwarding pipeline behind every data-plane endpoint: authenticate, plan the
 * candidates, then try them in order until one serves. Each attempt that reaches the
 * provider leaves a usage event; the served one writes its event before its answer completes.
 */
export async function forwardRequest(
  dependencies: GatewayDependencies,
  endpoint: GatewayEndpoint,
  request: FastifyRequest,
  reply: FastifyReply,
  state: GatewayRequestState,
): Promise<void> {
  const identity = await dependencies.authenticator.authenticate(request.headers);
  const clientBody = asJsonBody(request.body);
  checkRequestLimits(clientBody, dependencies.requestLimits);
  state.trace?.identify(identity.accessKeyId, clientBody.model);
  // Capping the output does not change the input: one estimate serves admission, hold and usage.
  const inputTokens = inputTokensOnce(clientBody);
  const gatewayConfig = await dependencies.gatewayConfigs.get(identity.accountId);
  if (gatewayConfig.capture.enabled && dependencies.captures.available) {
    state.capture = startCapture(dependencies.captures, gatewayConfig, identity.accountId, state);
    state.capture.received(request.method, endpoint.path, request.headers, clientBody);
  }
  const plan = await dependencies.planner.plan(identity, clientBody, endpoint.surface, state.rejectedModels);
  state.planned(dependencies, identity, plan, gatewayConfig.totalTimeoutMs);
  const policyId = plan.configuration?.firewallPolicyId;
  const screenedBody =
    policyId === undefined
      ? clientBody
      : await passRequestStage(dependencies.firewallPolicies, policyId, {
          endpoint,
          state,
          plan,
          body: clientBody,
          inputTokens,
        });
  const body = await admitRequest(
    screenedBody,
    inputTokens,
    endpoint.surface,
    gatewayConfig,
    plan.configuration,
    identity.accessKeyId,
    dependencies.limits,
  );
  await state.takeHold(body, endpoint.surface);
  try {
    const run: RequestRun = {
      dependencies,
      endpoint,
      request,
      reply,
      state,
      body,
      inputTokens,
      gatewayConfig,
      streaming: endpoint.streams && body.stream === true,
      client: new ClientWatch(reply.raw),
      current: undefined,
    };
    await failover(run, plan.candidates, state.startedAt + gatewayConfig.totalTimeoutMs, forwardSteps);
    // An error is captured with the answer the error handler sends (gateway-server.ts).
    state.capture?.finish();
  } finally {
    const givingBack = state.giveBackHold();
    if (givingBack) await givingBack;
  }
}

function startCapture(
  captures: CaptureStore,
  gatewayConfig: GatewayConfig,
  accountId: string,
  state: GatewayRequestState,
): RequestCapture {
  return new RequestCapture({
    maxBodyBytes: gatewayConfig.capture.maxBodyBytes,
    retentionMs: gatewayConfig.capture.retentionSeconds * 1_000,
    save: (record) => captures.save(accountId, state.requestId, record),
  });
}

interface RequestRun {
  dependencies: GatewayDependencies;
  endpoint: GatewayEndpoint;
  request: FastifyRequest;
  reply: FastifyReply;
  state: GatewayRequestState;
  body: JsonBody;
  inputTokens: () => number;
  gatewayConfig: GatewayConfig;
  streaming: boolean;
  client: ClientWatch;
  /** The attempt in flight, for its usage event when it fails. */
  current: AttemptContext | undefined;
}

/** Each attempt runs upstream and leaves a usage event; the served one writes its event before its answer completes. */
const forwardSteps: FailoverSteps<RequestRun, Candidate> = {
  stopped: (run) => run.client.gone,
  async attempt(run, candidate, index, remainingMs) {
    const { dependencies, state, gatewayConfig, body } = run;
    state.attemptStarted(index + 1);
    const context: AttemptContext = {
      state,
      candidate,
      attemptNumber: index + 1,
      clientBody: body,
      inputTokens: run.inputTokens,
      clientModel: String(body.model),
      streaming: run.streaming,
      startedAt: Date.now(),
      upstreamRequestId: null,
    };
    run.current = context;
    const outcome = await runAttempt(context, {
      upstream: candidate.provider.guardAddresses ? dependencies.guardedUpstream : dependencies.upstream,
      logger: dependencies.logger,
      instanceId: dependencies.instanceId,
      endpoint: run.endpoint,
      reply: run.reply,
      clientHeaders: run.request.headers,
      client: run.client,
      timeoutMs: Math.min(gatewayConfig.perRequestTimeoutMs, remainingMs),
      idleTimeoutMs: gatewayConfig.perRequestTimeoutMs,
    });
    if (outcome.kind === 'served') return undefined;
    if (outcome.kind === 'client-gone') {
      await state.recordAttempt(context, clientGoneResult(run.inputTokens()));
      return undefined;
    }
    return outcome;
  },
  async failed(run, failure, next, continues) {
    const context = run.current;
    if (!context) return;
    const retryAction =
      continues && next
        ? retryActionFor(context.candidate, next)
        : failure.retryable
          ? 'exhausted'
          : 'fail_fast';
    await run.state.recordAttempt(context, failedResult(failure, retryAction, !continues));
  },
};

function retryActionFor(
  current: { provider: { id: string }; modelIndex: number; credential: { source: string } },
  next: { provider: { id: string }; modelIndex: number; credential: { source: string } },
): RetryAction {
  if (next.modelIndex !== current.modelIndex || next.provider.id !== current.provider.id)
    return 'next_backend';
  if (current.credential.source === 'user' && next.credential.source === 'ngrok') return 'managed_fallback';
  return 'next_key';
}
