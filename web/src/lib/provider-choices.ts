import { api } from '../api/client';
import { collections, listOf } from '../api/collections';
import type { Catalog, CatalogProvider } from '../api/types';

export interface ProviderChoice {
  id: string;
  name: string;
  builtIn: boolean;
  managed: boolean;
}

export interface ProviderChoices {
  providers: ProviderChoice[];
  /** Set when the custom providers could not be read; the built-ins are still offered. */
  customError: string | undefined;
}

function fromCatalog(provider: CatalogProvider): ProviderChoice {
  return { id: provider.id, name: provider.name, builtIn: true, managed: provider.managed };
}

/** Every provider a key or a rule may name: the catalog's built-ins, then the account's custom providers. */
export async function loadProviderChoices(): Promise<ProviderChoices> {
  const catalog = await api.get<Catalog>('/ui/api/catalog');
  const providers = catalog.providers.map(fromCatalog);
  try {
    const custom = await listOf(collections.customProviders);
    for (const provider of custom) {
      providers.push({ id: provider.providerId, name: provider.name, builtIn: false, managed: false });
    }
    return { providers, customError: undefined };
  } catch (error: unknown) {
    return { providers, customError: error instanceof Error ? error.message : String(error) };
  }
}

export function providerName(choices: readonly ProviderChoice[], id: string): string {
  return choices.find((choice) => choice.id === id)?.name ?? id;
}
