import type { RuleMatch } from './compiled-policy.js';
import type { FirewallMode } from './firewall-policy-schema.js';

/** What a usage event records of the firewall: `would_*` in a dry run, where traffic is untouched. */
export const firewallDecisions = ['allowed', 'stripped', 'blocked', 'would_strip', 'would_block'] as const;
export type FirewallDecision = (typeof firewallDecisions)[number];

export interface FirewallVerdict {
  policyId: string;
  /** The rule that decided, undefined when no rule matched any tool. */
  rule: string | undefined;
  decision: FirewallDecision | undefined;
}

const strength: Record<FirewallDecision, number> = {
  allowed: 1,
  would_strip: 2,
  stripped: 2,
  would_block: 3,
  blocked: 3,
};

/** The decision a rule's action stands for in a mode. */
export function decisionOf(match: RuleMatch, mode: FirewallMode): FirewallDecision {
  if (match.action === 'allow') return 'allowed';
  if (match.action === 'strip') return mode === 'enforce' ? 'stripped' : 'would_strip';
  return mode === 'enforce' ? 'blocked' : 'would_block';
}

/**
 * One verdict per request, over every tool at both stages: the strongest decision wins (a block
 * over a strip over an allow), and among equals the first one met keeps its rule.
 */
export function strongerVerdict(
  current: FirewallVerdict | undefined,
  policyId: string,
  match: RuleMatch | undefined,
  mode: FirewallMode,
): FirewallVerdict {
  const base = current ?? { policyId, rule: undefined, decision: undefined };
  if (match === undefined) return base;
  const decision = decisionOf(match, mode);
  if (base.decision !== undefined && strength[base.decision] >= strength[decision]) return base;
  return { policyId, rule: match.rule, decision };
}
