import type { AccessKeyAuthenticator } from '../domain/access-keys/access-key-authenticator.js';
import type { ProviderKeyRepository } from '../domain/provider-keys/provider-key-repository.js';
import type { BuiltInProviders } from '../providers/provider-registry.js';

export interface ModelLister {
  authenticator: AccessKeyAuthenticator;
  builtIns: BuiltInProviders;
  providerKeys: ProviderKeyRepository;
}

/**
 * `GET /v1/models`: the catalog models of every provider this key has credentials for
 * (managed inference or one of the account's provider keys), in OpenAI's list shape.
 */
export async function listModels(
  lister: ModelLister,
  headers: Record<string, string | string[] | undefined>,
) {
  const identity = await lister.authenticator.authenticate(headers);
  const withKeys = await lister.providerKeys.providersWithKeys(identity.accountId);
  const data = [];
  for (const provider of lister.builtIns.all()) {
    if (!provider.managedKey && !withKeys.has(provider.id)) continue;
    for (const model of lister.builtIns.catalog.modelsOf(provider.id) ?? []) {
      data.push({ id: `${provider.id}:${model.id}`, object: 'model', created: 0, owned_by: provider.id });
    }
  }
  return { object: 'list', data };
}
