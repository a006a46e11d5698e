import type { AccessKeyAuthenticator } from '../domain/access-keys/access-key-authenticator.js';
import type { CustomProviderDirectory } from '../domain/custom-providers/custom-provider-directory.js';
import type { ProviderKeyRepository } from '../domain/provider-keys/provider-key-repository.js';
import type { RoutingPlanner } from '../domain/routing/routing-planner.js';
import type { BuiltInProviders, ResolvedProvider } from '../providers/provider-registry.js';

export interface ModelLister {
  authenticator: AccessKeyAuthenticator;
  planner: RoutingPlanner;
  builtIns: BuiltInProviders;
  customProviders: CustomProviderDirectory;
  providerKeys: ProviderKeyRepository;
}

/**
 * `GET /v1/models`: the models this key may use, in OpenAI's list shape (`provider:model` ids):
 * catalog models of built-in providers it has credentials for (managed inference or one of the
 * account's provider keys) and the declared models of the account's custom providers that have
 * a key, each filtered by the key's configuration scope.
 */
export async function listModels(
  lister: ModelLister,
  headers: Record<string, string | string[] | undefined>,
) {
  const identity = await lister.authenticator.authenticate(headers);
  const configuration = await lister.planner.configurationOf(identity);
  const withKeys = await lister.providerKeys.providersWithKeys(identity.accountId);
  const offered: Array<{ provider: ResolvedProvider; models: readonly string[] }> = [];
  for (const provider of lister.builtIns.all()) {
    if (!provider.managedKey && !withKeys.has(provider.id)) continue;
    // A retired model is refused (model_retired), so it is not offered.
    const models = (lister.builtIns.catalog.modelsOf(provider.id) ?? [])
      .filter((model) => model.retired === undefined)
      .map((model) => model.id);
    offered.push({ provider, models });
  }
  for (const entry of await lister.customProviders.entries(identity.accountId)) {
    if (withKeys.has(entry.provider.id)) offered.push({ provider: entry.provider, models: entry.models });
  }
  const data = [];
  for (const { provider, models } of offered) {
    if (configuration && !configuration.allowsProvider(provider.id, provider.resourceId)) continue;
    for (const model of models) {
      if (configuration && !configuration.allowsModel(provider.id, model)) continue;
      data.push({ id: `${provider.id}:${model}`, object: 'model', created: 0, owned_by: provider.id });
    }
  }
  return { object: 'list', data };
}
