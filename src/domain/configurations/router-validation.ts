import { TollgateError } from '../../errors/tollgate-error.js';
import type { ProviderKeyRepository } from '../provider-keys/provider-key-repository.js';
import type { RouterWrite, StoredRouter, StoredRule, StoredStep } from './configuration-schema.js';
import { formatModelReference, parseModelReference } from './model-reference.js';

export interface ProviderFacts {
  /** Whether the id names a built-in provider or one of the account's custom providers. */
  isKnown(accountId: string, providerId: string): Promise<boolean>;
  isBuiltIn(providerId: string): boolean;
  /** The catalog's provider for a bare model id. */
  defaultProviderFor(model: string): string | undefined;
}

interface RuleTarget {
  providerId: string;
  model: string | undefined;
}

function invalid(field: string, reason: string): TollgateError {
  return new TollgateError(
    'invalid_router_configuration',
    `Invalid router configuration: ${field}: ${reason}`,
    {
      details: { [field]: reason },
    },
  );
}

/**
 * Checks a written router against the account's providers and keys, and turns it into the
 * stored form: keys referenced by id only, inline `{name, value}` keys created as provider
 * keys of the rule's provider. Nothing is created unless the whole router is valid.
 */
export async function validateRouter(
  accountId: string,
  createdBy: string,
  router: RouterWrite,
  facts: ProviderFacts,
  providerKeys: ProviderKeyRepository,
): Promise<StoredRouter> {
  const rules = router.rules ?? [];
  const targets: RuleTarget[] = [];
  const seenProviderRules = new Set<string>();
  const seenModelRules = new Set<string>();
  for (const [index, rule] of rules.entries()) {
    const field = `router.rules[${index}]`;
    const target = await ruleTarget(accountId, rule, field, facts);
    const identity = target.model === undefined ? target.providerId : `${target.providerId}:${target.model}`;
    const seen = target.model === undefined ? seenProviderRules : seenModelRules;
    if (seen.has(identity)) throw invalid(field, `a second rule for "${identity}"; at most one is allowed`);
    seen.add(identity);
    for (const [stepIndex, step] of rule.steps.entries()) {
      const stepField = `${field}.steps[${stepIndex}]`;
      if (step.type === 'ngrok') {
        if (step.keys && step.keys.length > 0)
          throw invalid(stepField, 'a managed (ngrok) step takes no keys');
        if (!facts.isBuiltIn(target.providerId)) {
          throw invalid(
            stepField,
            `managed inference is only for built-in providers, not "${target.providerId}"`,
          );
        }
        continue;
      }
      if (!step.keys || step.keys.length === 0)
        throw invalid(stepField, 'a user step needs at least one key');
      for (const [keyIndex, key] of step.keys.entries()) {
        if (!('id' in key)) continue;
        const row = await providerKeys.get(accountId, key.id);
        if (!row) throw invalid(`${stepField}.keys[${keyIndex}]`, `provider key ${key.id} was not found`);
        if (row.provider_id !== target.providerId) {
          throw invalid(
            `${stepField}.keys[${keyIndex}]`,
            `provider key ${key.id} is for "${row.provider_id}", not "${target.providerId}"`,
          );
        }
      }
    }
    targets.push(target);
  }

  const stored: StoredRule[] = [];
  for (const [index, rule] of rules.entries()) {
    const target = targets[index]!;
    const steps: StoredStep[] = [];
    for (const step of rule.steps) {
      if (step.type === 'ngrok') {
        steps.push({ type: 'ngrok' });
        continue;
      }
      const keys: Array<{ id: string }> = [];
      for (const key of step.keys ?? []) {
        if ('id' in key) keys.push({ id: key.id });
        else {
          const created = await providerKeys.create(accountId, createdBy, {
            providerId: target.providerId,
            name: key.name,
            value: key.value,
          });
          keys.push({ id: created.id });
        }
      }
      steps.push({ type: 'user', keys, keySelectionStrategy: 'ordered' });
    }
    // Stored rules always carry their provider; model rules also their normalised model.
    stored.push({
      provider: target.providerId,
      ...(target.model === undefined ? {} : { model: `${target.providerId}:${target.model}` }),
      steps,
    });
  }
  return { rules: stored };
}

async function ruleTarget(
  accountId: string,
  rule: { provider?: string | undefined; model?: string | undefined },
  field: string,
  facts: ProviderFacts,
): Promise<RuleTarget> {
  if (rule.provider === undefined && rule.model === undefined)
    throw invalid(field, 'a rule needs a provider or a model');
  let model: string | undefined;
  let providerId = rule.provider;
  if (rule.model !== undefined) {
    const reference = parseModelReference(rule.model, (id) => facts.isBuiltIn(id) || id === rule.provider);
    const modelProvider = reference.providerId ?? facts.defaultProviderFor(reference.model);
    if (modelProvider === undefined) {
      throw invalid(`${field}.model`, `"${rule.model}" names no provider; write it as provider:model`);
    }
    if (providerId !== undefined && providerId !== modelProvider) {
      throw invalid(`${field}.model`, `"${rule.model}" is not a model of provider "${providerId}"`);
    }
    providerId = modelProvider;
    model = formatModelReference({ providerId: undefined, model: reference.model });
  }
  if (providerId === undefined || !(await facts.isKnown(accountId, providerId))) {
    throw invalid(rule.model === undefined ? `${field}.provider` : field, `unknown provider "${providerId}"`);
  }
  return { providerId, model };
}
