import type { FirewallPolicyCache } from '../../domain/firewall/firewall-policy-cache.js';
import type { RoutingPlan } from '../../domain/routing/candidate.js';
import type { JsonBody } from '../../providers/exchange.js';
import type { AttemptContext } from '../attempt-context.js';
import { refusedResult } from '../attempt-result.js';
import type { GatewayEndpoint } from '../endpoints.js';
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
  policies: FirewallPolicyCache,
  policyId: string,
  request: {
    endpoint: GatewayEndpoint;
    state: GatewayRequestState;
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
  await recordRefusal(request);
  throw toolBlocked(policy.id, screening.blocked.rule, screening.blocked.tool);
}

/** One usage event for the refused request: its first candidate, no upstream call, no tokens. */
async function recordRefusal(request: Parameters<typeof passRequestStage>[2]): Promise<void> {
  const { endpoint, state, plan, body, inputTokens } = request;
  const candidate = plan.candidates[0];
  if (!candidate) return;
  const context: AttemptContext = {
    state,
    candidate,
    attemptNumber: 1,
    clientBody: body,
    inputTokens,
    clientModel: String(body.model),
    streaming: endpoint.streams && body.stream === true,
    startedAt: Date.now(),
    upstreamRequestId: null,
  };
  await state.recordUnsent(context, refusedResult);
}
