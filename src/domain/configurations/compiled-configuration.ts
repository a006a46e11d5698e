import type { Configuration } from './configuration-repository.js';
import type { Limits, StoredStep } from './configuration-schema.js';
import { type ModelReference, parseModelReference, referenceMatches } from './model-reference.js';

/**
 * A configuration prepared for the hot path: allow-lists as sets and parsed references,
 * router rules indexed by provider and by `provider:model`.
 */
export class CompiledConfiguration {
  readonly id: string;
  readonly name: string;
  readonly limits: Limits | undefined;
  /** The attached firewall policy's id; undefined (most keys) costs the gateway nothing. */
  readonly firewallPolicyId: string | undefined;
  private readonly providerAllow: ReadonlySet<string> | undefined;
  private readonly modelAllow: readonly ModelReference[] | undefined;
  private readonly providerRules = new Map<string, StoredStep[]>();
  private readonly modelRules = new Map<string, StoredStep[]>();

  constructor(configuration: Configuration, isBuiltIn: (providerId: string) => boolean) {
    this.id = configuration.id;
    this.name = configuration.name;
    this.limits = configuration.limits ?? undefined;
    this.firewallPolicyId = configuration.firewallPolicyId ?? undefined;
    const providers = configuration.access?.providers?.allow;
    this.providerAllow = providers === undefined ? undefined : new Set(providers);
    const models = configuration.access?.models?.allow;
    this.modelAllow = models?.map((entry) => parseModelReference(entry, isBuiltIn));
    for (const rule of configuration.router?.rules ?? []) {
      if (rule.model !== undefined) this.modelRules.set(rule.model.toLowerCase(), rule.steps);
      else if (rule.provider !== undefined) this.providerRules.set(rule.provider, rule.steps);
    }
  }

  /** `resourceId` is a custom provider's `aigp_…` id, which allow-lists may use instead of its provider id. */
  allowsProvider(providerId: string, resourceId?: string): boolean {
    if (this.providerAllow === undefined) return true;
    return (
      this.providerAllow.has(providerId) || (resourceId !== undefined && this.providerAllow.has(resourceId))
    );
  }

  allowsModel(providerId: string, model: string): boolean {
    if (this.modelAllow === undefined) return true;
    return this.modelAllow.some((reference) => referenceMatches(reference, providerId, model));
  }

  /** The steps for a model: its model rule beats its provider's rule; undefined = no rule (defaults apply). */
  stepsFor(providerId: string, model: string): StoredStep[] | undefined {
    return this.modelRules.get(`${providerId}:${model.toLowerCase()}`) ?? this.providerRules.get(providerId);
  }
}
