import type { CompiledPolicy } from '../../domain/firewall/compiled-policy.js';
import { type FirewallVerdict, strongerVerdict } from '../../domain/firewall/firewall-verdict.js';
import type { JsonBody } from '../../providers/exchange.js';
import type { ApiSurface } from '../../providers/types.js';
import { requestToolsOf, withoutTools } from './request-tools.js';

export interface RequestScreening {
  /** The body to forward: the client's, or a copy without the stripped tools. */
  body: JsonBody;
  verdict: FirewallVerdict;
  /** Set when an enforcing policy refuses the request. */
  blocked: { rule: string; tool: string } | undefined;
}

/**
 * The request stage: every advertised tool and every tool result, in order, against the policy.
 * A block refuses the whole request (the first blocked tool is named); strips are collected and
 * applied together. In a dry run the body is never changed, only the verdict says what would have.
 */
export function screenRequest(policy: CompiledPolicy, surface: ApiSurface, body: JsonBody): RequestScreening {
  const tools = requestToolsOf(surface, body);
  let verdict: FirewallVerdict | undefined;
  let blocked: RequestScreening['blocked'];
  const stripped = new Set<number>();
  const strippedNames = new Set<string>();
  const enforce = policy.mode === 'enforce';
  for (const tool of tools.advertised) {
    const match = policy.evaluate('request', 'advertised', { name: tool.name, arguments: undefined });
    verdict = strongerVerdict(verdict, policy.id, match, policy.mode);
    if (match?.action === 'block' && blocked === undefined) blocked = { rule: match.rule, tool: tool.name };
    if (match?.action === 'strip') {
      stripped.add(tool.index);
      strippedNames.add(tool.name);
    }
  }
  for (const result of tools.results) {
    const match = policy.evaluate('request', 'result', result);
    verdict = strongerVerdict(verdict, policy.id, match, policy.mode);
    if (match?.action === 'block' && blocked === undefined) blocked = { rule: match.rule, tool: result.name };
  }
  return {
    body: enforce && stripped.size > 0 ? withoutTools(body, stripped, strippedNames) : body,
    verdict: verdict ?? { policyId: policy.id, rule: undefined, decision: undefined },
    blocked: enforce ? blocked : undefined,
  };
}
