import type {
  Configuration,
  ConfigurationWrite,
  Limits,
  RouterRule,
  SpendPeriod,
  StepType,
} from '../../api/types';
import { linesOf } from '../../lib/lines';

/** The editor's state: text as typed, turned into the API's shape only on save. */

export interface KeyDraft {
  uid: number;
  /** A provider key id; `''` until one is chosen (the API names the missing key if saved so). */
  id: string;
}

export interface StepDraft {
  uid: number;
  type: StepType;
  keys: KeyDraft[];
}

export interface RuleDraft {
  uid: number;
  provider: string;
  model: string;
  steps: StepDraft[];
}

export interface ConfigurationDraft {
  name: string;
  description: string;
  restrictProviders: boolean;
  providers: string[];
  restrictModels: boolean;
  /** One allow-list entry per line. */
  models: string;
  rules: RuleDraft[];
  requestsPerMinute: string;
  tokensPerMinute: string;
  spendEnabled: boolean;
  spendUsd: string;
  spendPeriod: SpendPeriod;
  /** The attached firewall policy's id, `''` for none. */
  firewallPolicyId: string;
}

let nextUid = 1;
/** Stable identities for list items, so reordering moves the right inputs (and their focus). */
export function uid(): number {
  return nextUid++;
}

export function newStep(type: StepType = 'user'): StepDraft {
  return { uid: uid(), type, keys: type === 'user' ? [{ uid: uid(), id: '' }] : [] };
}

export function newRule(): RuleDraft {
  return { uid: uid(), provider: '', model: '', steps: [newStep()] };
}

function ruleDraft(rule: RouterRule): RuleDraft {
  return {
    uid: uid(),
    provider: rule.provider ?? '',
    model: rule.model ?? '',
    steps: rule.steps.map((step) => ({
      uid: uid(),
      type: step.type,
      keys: (step.keys ?? []).map((key) => ({ uid: uid(), id: key.id })),
    })),
  };
}

export function draftFrom(configuration: Configuration | undefined): ConfigurationDraft {
  const providers = configuration?.access?.providers?.allow;
  const models = configuration?.access?.models?.allow;
  const limits = configuration?.limits;
  return {
    name: configuration?.name ?? '',
    description: configuration?.description ?? '',
    restrictProviders: providers !== undefined,
    providers: providers ?? [],
    restrictModels: models !== undefined,
    models: (models ?? []).join('\n'),
    rules: (configuration?.router?.rules ?? []).map(ruleDraft),
    requestsPerMinute: limits?.requestsPerMinute?.toString() ?? '',
    tokensPerMinute: limits?.tokensPerMinute?.toString() ?? '',
    spendEnabled: limits?.spend !== undefined,
    spendUsd: limits?.spend ? (limits.spend.amountCents / 100).toFixed(2) : '',
    spendPeriod: limits?.spend?.period ?? 'month',
    firewallPolicyId: configuration?.firewallPolicy?.id ?? '',
  };
}

/** A number as typed; text that is not one goes to the API as-is so its message names the field. */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text.trim());
}

function limitsOf(draft: ConfigurationDraft): Limits | undefined {
  const limits: Limits = {};
  if (draft.requestsPerMinute.trim()) limits.requestsPerMinute = numberOf(draft.requestsPerMinute);
  if (draft.tokensPerMinute.trim()) limits.tokensPerMinute = numberOf(draft.tokensPerMinute);
  if (draft.spendEnabled) {
    limits.spend = { amountCents: Math.round(numberOf(draft.spendUsd) * 100), period: draft.spendPeriod };
  }
  return Object.keys(limits).length > 0 ? limits : undefined;
}

function rulesOf(draft: ConfigurationDraft): RouterRule[] {
  // Nothing is filtered out, so the API's `router.rules[i].steps[j].keys[k]` match what is on screen.
  return draft.rules.map((rule) => ({
    ...(rule.provider ? { provider: rule.provider } : {}),
    ...(rule.model.trim() ? { model: rule.model.trim() } : {}),
    steps: rule.steps.map((step) =>
      step.type === 'ngrok'
        ? { type: 'ngrok' }
        : { type: 'user', keys: step.keys.map((key) => ({ id: key.id })) },
    ),
  }));
}

/**
 * The request body. On create, empty sections are left out; on update they are sent as `null`
 * so that clearing a section in the form clears it on the server.
 */
export function writeOf(draft: ConfigurationDraft, isUpdate: boolean): ConfigurationWrite {
  const absent = isUpdate ? { value: null } : undefined;
  const body: ConfigurationWrite = { name: draft.name.trim() };
  const description = draft.description.trim();
  if (description) body.description = description;
  else if (absent) body.description = absent.value;

  if (draft.restrictProviders || draft.restrictModels) {
    body.access = {
      ...(draft.restrictProviders ? { providers: { allow: draft.providers } } : {}),
      ...(draft.restrictModels ? { models: { allow: linesOf(draft.models) } } : {}),
    };
  } else if (absent) body.access = absent.value;

  if (draft.rules.length > 0) body.router = { rules: rulesOf(draft) };
  else if (absent) body.router = absent.value;

  const limits = limitsOf(draft);
  if (limits) body.limits = limits;
  else if (absent) body.limits = absent.value;

  if (draft.firewallPolicyId) body.firewallPolicyId = draft.firewallPolicyId;
  else if (absent) body.firewallPolicyId = absent.value;
  return body;
}
