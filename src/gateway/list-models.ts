import type { AccessKeyAuthenticator } from '../domain/access-keys/access-key-authenticator.js';
import type { CustomProviderDirectory } from '../domain/custom-providers/custom-provider-directory.js';
import type { ProviderKeyRepository } from '../domain/provider-keys/provider-key-repository.js';
import { parseModelAddress } from '../domain/routing/model-address.js';
import type { RoutingPlanner } from '../domain/routing/routing-planner.js';
import type { VirtualModelDirectory } from '../domain/virtual-models/virtual-model-directory.js';
import { TollgateError } from '../errors/tollgate-error.js';
import type { BuiltInProviders } from '../providers/provider-registry.js';

export interface ModelLister {
  authenticator: AccessKeyAuthenticator;
  planner: RoutingPlanner;
  builtIns: BuiltInProviders;
  customProviders: CustomProviderDirectory;
  providerKeys: ProviderKeyRepository;
  virtualModels: VirtualModelDirectory;
}

type Headers = Record<string, string | string[] | undefined>;

/** One model this key may use; a virtual model's `providerId` is undefined (its id is its name). */
interface OfferedModel {
  providerId: string | undefined;
  model: string;
  displayName: string;
}

/** Virtual models are owned by no provider; `owned_by` says what they are instead. */
const virtualOwner = 'virtual';

function idOf(model: OfferedModel): string {
  return model.providerId === undefined ? model.model : `${model.providerId}:${model.model}`;
}

/**
 * The models this key may use: catalog models of built-in providers it has credentials for
 * (managed inference or one of the account's provider keys) and the declared models of the
 * account's custom providers that have a key, each filtered by the key's configuration scope.
 */
async function offeredModels(lister: ModelLister, headers: Headers): Promise<OfferedModel[]> {
  const identity = await lister.authenticator.authenticate(headers);
  const configuration = await lister.planner.configurationOf(identity);
  const withKeys = await lister.providerKeys.providersWithKeys(identity.accountId);
  const offered: OfferedModel[] = [];
  const offer = (providerId: string, resourceId: string | undefined, models: OfferedModel[]) => {
    if (configuration && !configuration.allowsProvider(providerId, resourceId)) return;
    for (const model of models) {
      if (!configuration || configuration.allowsModel(providerId, model.model)) offered.push(model);
    }
  };
  for (const provider of lister.builtIns.all()) {
    if (!provider.managedKey && !withKeys.has(provider.id)) continue;
    // A retired model is refused (model_retired), so it is not offered.
    const models = (lister.builtIns.catalog.modelsOf(provider.id) ?? [])
      .filter((model) => model.retired === undefined)
      .map((model) => ({
        providerId: provider.id,
        model: model.id,
        displayName: model.name,
      }));
    offer(provider.id, provider.resourceId, models);
  }
  for (const entry of await lister.customProviders.entries(identity.accountId)) {
    if (!withKeys.has(entry.provider.id)) continue;
    const models = entry.models.map((model) => ({
      providerId: entry.provider.id,
      model,
      displayName: model,
    }));
    offer(entry.provider.id, entry.provider.resourceId, models);
  }
  return [...offered, ...(await usableVirtualModels(lister, identity.accountId, offered))];
}

/**
 * The account's virtual models with at least one target among the models offered to this key
 * (a pinned target on its provider; a bare one on the provider the catalog picks for it).
 */
async function usableVirtualModels(
  lister: ModelLister,
  accountId: string,
  offered: readonly OfferedModel[],
): Promise<OfferedModel[]> {
  const virtualModels = await lister.virtualModels.all(accountId);
  if (virtualModels.length === 0) return [];
  const offeredIds = new Set(offered.map((model) => idOf(model).toLowerCase()));
  const usable = (target: string) => {
    const address = parseModelAddress(target);
    const providerId = address.providerId ?? lister.builtIns.catalog.defaultProviderFor(address.model)?.id;
    return providerId !== undefined && offeredIds.has(`${providerId}:${address.model}`.toLowerCase());
  };
  return virtualModels
    .filter((virtualModel) => virtualModel.targets.some(usable))
    .map((virtualModel) => ({
      providerId: undefined,
      model: virtualModel.name,
      displayName: virtualModel.name,
    }));
}

/**
 * Whether the caller is the Anthropic SDK (or speaks its API): it sends `anthropic-version`,
 * and authenticates with `x-api-key` where OpenAI clients send a bearer token.
 */
function wantsAnthropicShape(headers: Headers): boolean {
  return headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined;
}

/** Catalog models carry no release date; the epoch says "unknown", as OpenAI's `created: 0` does. */
const unknownCreatedAt = '1970-01-01T00:00:00Z';

function openAIModel(model: OfferedModel) {
  return {
    id: idOf(model),
    object: 'model',
    created: 0,
    owned_by: model.providerId ?? virtualOwner,
  };
}

function anthropicModel(model: OfferedModel) {
  return {
    type: 'model',
    id: idOf(model),
    display_name: model.displayName,
    created_at: unknownCreatedAt,
  };
}

/**
 * `GET /v1/models`: OpenAI's list shape (`provider:model` ids), or Anthropic's (`type`,
 * `display_name`, `created_at`, paging fields) for an Anthropic client. The whole list is one
 * page: `has_more` is false, so the Anthropic SDK's auto-pagination stops after it.
 */
export async function listModels(lister: ModelLister, headers: Headers) {
  const models = await offeredModels(lister, headers);
  if (!wantsAnthropicShape(headers)) return { object: 'list', data: models.map(openAIModel) };
  const data = models.map(anthropicModel);
  return { data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false };
}

/**
 * `GET /v1/models/{id}`: one model the key may use, in the client's shape. The id may be written
 * as the list writes it (`provider:model`), as `provider/model`, or bare (the first provider
 * offering a model of that name); names match case-insensitively. Anything else is `not_found`.
 */
export async function retrieveModel(lister: ModelLister, headers: Headers, id: string) {
  const models = await offeredModels(lister, headers);
  const wanted = id.toLowerCase();
  const matches = (model: OfferedModel) => {
    const name = model.model.toLowerCase();
    if (model.providerId === undefined) return wanted === name;
    return (
      wanted === `${model.providerId}:${name}` || wanted === `${model.providerId}/${name}` || wanted === name
    );
  };
  const found = models.find(matches);
  if (!found) {
    throw new TollgateError('not_found', `The model "${id}" does not exist or this key may not use it.`, {
      param: 'model',
    });
  }
  return wantsAnthropicShape(headers) ? anthropicModel(found) : openAIModel(found);
}
