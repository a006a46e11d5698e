import { TollgateError } from '../../errors/tollgate-error.js';
import type { CatalogModel } from '../../providers/catalog/catalog-schema.js';
import { exchangeFor, type JsonBody } from '../../providers/exchange.js';
import type { BuiltInProviders, ResolvedProvider } from '../../providers/provider-registry.js';
import type { ApiSurface } from '../../providers/types.js';
import type { AccessKeyIdentity } from '../access-keys/access-key-authenticator.js';
import type { CompiledConfiguration } from '../configurations/compiled-configuration.js';
import type { ConfigurationCache } from '../configurations/configuration-cache.js';
import type { StoredStep } from '../configurations/configuration-schema.js';
import type { ProviderKeyCache } from '../provider-keys/provider-key-cache.js';
import type { UsableProviderKey } from '../provider-keys/provider-key-repository.js';
import type { VirtualModel } from '../virtual-models/virtual-model-directory.js';
import type { Candidate, Credential, RoutingPlan } from './candidate.js';
import { type ModelAddress, parseModelAddress } from './model-address.js';

/** Reads `model` and the optional `models` fallbacks; the SPEC's only required body field. */
export function requestedModels(body: JsonBody): string[] {
  const { model, models } = body;
  if (typeof model !== 'string' || model.trim() === '') {
    throw new TollgateError('invalid_request_body', 'The request body needs a "model" string.', {
      param: 'model',
    });
  }
  if (models === undefined || models === null) return [model];
  if (!Array.isArray(models) || models.some((entry) => typeof entry !== 'string' || entry.trim() === '')) {
    throw new TollgateError('invalid_request_body', '"models" must be an array of model names.', {
      param: 'models',
    });
  }
  return [model, ...(models as string[])];
}

/**
 * Turns `model` + `models` into the ordered (model, key) candidates. Every rejection here
 * happens before any upstream call. A fallback model that cannot be used is skipped and
 * reported; the primary model's failure fails the request.
 */
/** Custom providers of an account, as the router sees them. */
export interface CustomProviderLookup {
  get(accountId: string, providerId: string): Promise<ResolvedProvider | undefined>;
}

/** An account's virtual models, as the router sees them (an in-memory map, see VirtualModelDirectory). */
export interface VirtualModelLookup {
  find(accountId: string, name: string): Promise<VirtualModel | undefined>;
}

export class RoutingPlanner {
  constructor(
    private readonly builtIns: BuiltInProviders,
    private readonly providerKeys: ProviderKeyCache,
    private readonly configurations: ConfigurationCache,
    private readonly customProviders: CustomProviderLookup,
    private readonly virtualModels: VirtualModelLookup,
  ) {}

  /** The key's configuration; none means allow-all with the default routing. */
  async configurationOf(identity: AccessKeyIdentity): Promise<CompiledConfiguration | undefined> {
    return identity.configurationId === null ? undefined : this.configurations.get(identity.configurationId);
  }

  /**
   * @param rejectedModels filled with the models skipped as unusable, also when planning fails
   *   (so `Tollgate-Rejected-Models` lists them on the error too).
   */
  async plan(
    identity: AccessKeyIdentity,
    body: JsonBody,
    surface: ApiSurface,
    rejectedModels: string[] = [],
  ): Promise<RoutingPlan> {
    const models = requestedModels(body);
    // Cached nearly always: read without a promise, loaded only on a miss.
    const configuration =
      identity.configurationId === null
        ? undefined
        : (this.configurations.cached(identity.configurationId) ??
          (await this.configurations.get(identity.configurationId)));
    const candidates: Candidate[] = [];
    // Each target of a virtual model counts as a model of its own (failover says `next_backend`).
    let modelIndex = 0;
    for (const [requestIndex, requested] of models.entries()) {
      const virtualModel = await this.virtualModels.find(identity.accountId, requested);
      if (virtualModel) {
        const before = candidates.length;
        const refusals: string[] = [];
        for (const target of virtualModel.targets) {
          try {
            const found = await this.candidatesFor(identity, configuration, target, surface, modelIndex++);
            for (const candidate of found) candidate.virtualModel = virtualModel.name;
            candidates.push(...found);
          } catch (error) {
            if (!(error instanceof TollgateError)) throw error;
            rejectedModels.push(target);
            refusals.push(`${target}: ${error.message}`);
          }
        }
        if (requestIndex === 0 && candidates.length === before) throw noUsableTarget(virtualModel, refusals);
        continue;
      }
      try {
        candidates.push(
          ...(await this.candidatesFor(identity, configuration, requested, surface, modelIndex++)),
        );
      } catch (error) {
        if (requestIndex === 0 || !(error instanceof TollgateError)) throw error;
        rejectedModels.push(requested);
      }
    }
    return { configuration, candidates: dedupe(candidates), rejectedModels };
  }

  private async candidatesFor(
    identity: AccessKeyIdentity,
    configuration: CompiledConfiguration | undefined,
    requested: string,
    surface: ApiSurface,
    modelIndex: number,
  ): Promise<Candidate[]> {
    const address = parseModelAddress(requested);
    const provider =
      this.builtInProviderFor(address) ??
      (await this.customProviderFor(identity.accountId, address.providerId));
    const catalogModel = this.builtIns.catalog.model(provider.id, address.model);
    if (catalogModel?.retired) throw retiredModel(provider.id, catalogModel);
    if (configuration && !configuration.allowsProvider(provider.id, provider.resourceId)) {
      throw new TollgateError(
        'provider_not_allowed',
        `Provider "${provider.id}" is not allowed by the access policy.`,
        {
          param: 'model',
        },
      );
    }
    if (configuration && !configuration.allowsModel(provider.id, address.model)) {
      throw new TollgateError(
        'model_not_allowed',
        `Model "${provider.id}:${address.model}" is not allowed by the access policy.`,
        {
          param: 'model',
        },
      );
    }
    const exchange = exchangeFor(surface, provider);
    if (!exchange) {
      throw new TollgateError(
        'unsupported_surface',
        `Provider "${provider.id}" does not serve this endpoint.`,
        {
          param: 'model',
        },
      );
    }
    const steps = configuration?.stepsFor(provider.id, address.model);
    const accountKeys =
      this.providerKeys.cachedKeysFor(identity.accountId, provider.id) ??
      (await this.providerKeys.keysFor(identity.accountId, provider.id));
    const { credentials, unpriced } = credentialsFor(accountKeys, provider, steps, catalogModel);
    if (credentials.length === 0 && unpriced) {
      throw new TollgateError(
        'pricing_required',
        `Managed inference needs a catalog price, and "${provider.id}:${address.model}" has none: add a provider key (BYOK).`,
        { param: 'model' },
      );
    }
    if (credentials.length === 0) {
      throw new TollgateError(
        'no_provider_key',
        `No provider key for "${provider.id}": add one with POST /provider-keys.`,
        { param: 'model' },
      );
    }
    const upstreamModel = catalogModel?.id ?? address.model;
    return credentials.map((credential) => ({
      provider,
      upstreamModel,
      catalogModel,
      credential,
      exchange,
      modelIndex,
    }));
  }

  /**
   * The built-in provider an address names, or the catalog's default one for a bare model;
   * undefined when it names a provider that is not built in (an account's custom provider).
   */
  private builtInProviderFor(address: ModelAddress): ResolvedProvider | undefined {
    if (address.providerId !== undefined) return this.builtIns.get(address.providerId);
    const defaultProvider = this.builtIns.catalog.defaultProviderFor(address.model);
    const provider = defaultProvider ? this.builtIns.get(defaultProvider.id) : undefined;
    if (!provider) {
      throw new TollgateError(
        'unknown_model',
        `Unknown model "${address.model}": use a catalog model id or prefix it with its provider (provider:model).`,
        { param: 'model' },
      );
    }
    return provider;
  }

  /** Called only for an address with a provider id that {@link builtInProviderFor} did not know. */
  private async customProviderFor(
    accountId: string,
    providerId: string | undefined,
  ): Promise<ResolvedProvider> {
    const provider =
      providerId === undefined ? undefined : await this.customProviders.get(accountId, providerId);
    if (!provider)
      throw new TollgateError('unknown_provider', `Unknown provider "${providerId}".`, { param: 'model' });
    return provider;
  }
}

/**
 * A matching router rule's steps, in order: a managed (`ngrok`) step uses the operator's key,
 * a `user` step its keys in the listed order. Without a rule: the implicit managed step
 * first (when the operator offers it), then the account's keys in creation order.
 */
function credentialsFor(
  accountKeys: UsableProviderKey[],
  provider: ResolvedProvider,
  steps: StoredStep[] | undefined,
  catalogModel: CatalogModel | undefined,
): { credentials: Credential[]; unpriced: boolean } {
  const effectiveSteps: StoredStep[] = steps ?? [
    { type: 'ngrok' },
    { type: 'user', keys: accountKeys.map((key) => ({ id: key.id })) },
  ];
  const credentials: Credential[] = [];
  let unpriced = false;
  for (const step of effectiveSteps) {
    if (step.type === 'ngrok') {
      // Managed inference is paid from credits at catalog prices, so an unpriced model cannot use it.
      if (provider.managedKey && !catalogModel?.pricing) unpriced = true;
      else if (provider.managedKey) credentials.push({ source: 'ngrok', value: provider.managedKey });
      continue;
    }
    for (const { id } of step.keys ?? []) {
      const key = accountKeys.find((candidate) => candidate.id === id);
      if (key)
        credentials.push({ source: 'user', keyId: key.id, keyRedacted: key.redacted, value: key.value });
    }
  }
  return { credentials, unpriced };
}

/** Never the same (model, key) twice, even when `models` repeats a model. */
function dedupe(candidates: Candidate[]): Candidate[] {
  // One candidate (one model, one key) is the common case: nothing to compare it with.
  if (candidates.length < 2) return candidates;
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    const keyId = candidate.credential.source === 'user' ? candidate.credential.keyId : 'managed';
    const identity = `${candidate.provider.id}\u0000${candidate.upstreamModel.toLowerCase()}\u0000${keyId}`;
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}

/** The request named a virtual model and the key may use none of its targets. */
function noUsableTarget(virtualModel: VirtualModel, refusals: string[]): TollgateError {
  return new TollgateError(
    'no_usable_target',
    `No target of the virtual model "${virtualModel.name}" can be used by this key (${refusals.join('; ')}).`,
    { param: 'model' },
  );
}

/** Refused before any upstream call: the provider would only answer with an error of its own. */
function retiredModel(providerId: string, model: CatalogModel): TollgateError {
  const retired = model.retired;
  const when = retired?.on ? ` on ${retired.on}` : '';
  const instead = retired?.replacement ? ` Use "${providerId}:${retired.replacement}" instead.` : '';
  return new TollgateError(
    'model_retired',
    `Model "${providerId}:${model.id}" was retired by its provider${when}.${instead}`,
    { param: 'model' },
  );
}
