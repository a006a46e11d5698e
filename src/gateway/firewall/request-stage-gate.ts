import type { AccessKeyIdentity } from '../../domain/access-keys/access-key-authenticator.js';
import type { FirewallPolicyCache } from '../../domain/firewall/firewall-policy-cache.js';
import type { RoutingPlan } from '../../domain/routing/candidate.js';
import type { JsonBody } from '../../providers/exchange.js';
import { type AttemptContext, noUsage, recordAttempt } from '../attempt-context.js';
import type { GatewayEndpoint } from '../endpoints.js';
import type { GatewayDependencies } from '../forward.js';
import type { GatewayRequestState } from '../request-state.js';
import { RequestFirewall, toolBlocked } from './request-firewall.js';
import { screenRequest } from './request-stage.js';

/**
 * The request stage, for a key whose configuration attaches a policy: screens the client's tools
 * and tool results, keeps the request's firewall on its state (for the response stage and the
 * usage events), and returns the body to forward. A refused request is recorded, so that the
 * request log and the usage API's filters show it, then answered 403 `tool_blocked`; no
 * provider is called.
 */
export async function passRequestStage(
  dependencies: GatewayDependencies,
  policies: FirewallPolicyCache,
  policyId: string,
  request: {
    endpoint: GatewayEndpoint;
    state: GatewayRequestState;
    identity: AccessKeyIdentity;
    plan: RoutingPlan;
    body: JsonBody;
    inputTokens: () => number;
  },
): Promise<JsonBody> {
  const policy = await policies.get(policyId);
  // Deleting an attached policy is refused; a policy gone meanwhile leaves the request unscreened.
  if (!policy) return request.body;
  const screening = screenRequest(policy, request.endpoint.surface, request.body);
  request.state.firewall = new RequestFirewall(policy, request.endpoint.surface, screening.verdict);
  if (screening.blocked === undefined) return screening.body;
  await recordRefusal(dependencies, request);
  throw toolBlocked(policy.id, screening.blocked.rule, screening.blocked.tool);
}

/** One usage event for the refused request: its first candidate, no upstream call, no tokens. */
async function recordRefusal(
  dependencies: GatewayDependencies,
  request: Parameters<typeof passRequestStage>[3],
): Promise<void> {
  const { endpoint, state, identity, plan, body, inputTokens } = request;
  const candidate = plan.candidates[0];
  if (!candidate) return;
  const context: AttemptContext = {
    state,
    identity,
    candidate,
    attemptNumber: 1,
    clientBody: body,
    inputTokens,
    clientModel: String(body.model),
    streaming: endpoint.streams && body.stream === true,
    startedAt: Date.now(),
    feePerMTokUsd: dependencies.feePerMTokUsd,
    recorder: dependencies.recorder,
    ledger: dependencies.ledger,
    hold: undefined,
    holdMs: 0,
    upstreamRequestId: null,
    onRecorded: async () => {},
  };
  await recordAttempt(context, {
    statusCode: 403,
    timedOut: false,
    stopReason: null,
    usage: noUsage,
    usageEstimated: false,
    completion: 'failed',
    served: false,
    isFinal: true,
    retryAction: 'fail_fast',
  });
}
