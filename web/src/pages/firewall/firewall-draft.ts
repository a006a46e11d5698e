import type {
  FirewallAction,
  FirewallMode,
  FirewallPolicy,
  FirewallPolicyWrite,
  FirewallRule,
} from '../../api/types';
import { linesOf } from '../../lib/lines';
import { uid } from '../configurations/configuration-draft';

/** The policy editor's state: text as typed, turned into the API's shape only on save. */

export interface FirewallRuleDraft {
  uid: number;
  name: string;
  request: boolean;
  response: boolean;
  /** Tool names or globs, one per line. */
  tools: string;
  argumentsPattern: string;
  action: FirewallAction;
}

export interface FirewallPolicyDraft {
  name: string;
  description: string;
  mode: FirewallMode;
  rules: FirewallRuleDraft[];
}

export function newFirewallRule(index: number): FirewallRuleDraft {
  return {
    uid: uid(),
    name: `rule-${index + 1}`,
    request: true,
    response: true,
    tools: '',
    argumentsPattern: '',
    action: 'block',
  };
}

function ruleDraft(rule: FirewallRule): FirewallRuleDraft {
  return {
    uid: uid(),
    name: rule.name,
    request: rule.stages.includes('request'),
    response: rule.stages.includes('response'),
    tools: (rule.tools ?? []).join('\n'),
    argumentsPattern: rule.argumentsPattern ?? '',
    action: rule.action,
  };
}

export function firewallDraftFrom(policy: FirewallPolicy | undefined): FirewallPolicyDraft {
  return {
    name: policy?.name ?? '',
    description: policy?.description ?? '',
    mode: policy?.mode ?? 'enforce',
    rules: (policy?.rules ?? []).map(ruleDraft),
  };
}

function ruleOf(draft: FirewallRuleDraft): FirewallRule {
  const tools = linesOf(draft.tools);
  const pattern = draft.argumentsPattern;
  // Nothing is dropped in silence: a rule with no stage goes as it is, and the API names the field.
  return {
    name: draft.name.trim(),
    stages: [
      ...(draft.request ? ['request' as const] : []),
      ...(draft.response ? ['response' as const] : []),
    ],
    ...(tools.length > 0 ? { tools } : {}),
    ...(pattern.length > 0 ? { argumentsPattern: pattern } : {}),
    action: draft.action,
  };
}

export function firewallWriteOf(draft: FirewallPolicyDraft, isUpdate: boolean): FirewallPolicyWrite {
  const description = draft.description.trim();
  return {
    name: draft.name.trim(),
    ...(description ? { description } : isUpdate ? { description: null } : {}),
    mode: draft.mode,
    rules: draft.rules.map(ruleOf),
  };
}
