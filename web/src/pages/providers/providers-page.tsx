import { api } from '../../api/client';
import { collections, listOf } from '../../api/collections';
import type { Catalog, CustomProvider } from '../../api/types';
import { Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { type ResourceListing, ResourceSection } from '../../components/resource-list';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { useResource } from '../../lib/use-resource';
import { customProviderDialog } from './custom-provider-dialog';

interface CatalogData {
  catalog: Catalog;
  keyCounts: Map<string, number>;
}

async function loadCatalog(): Promise<CatalogData> {
  const [catalog, keys] = await Promise.all([
    api.get<Catalog>('/ui/api/catalog'),
    listOf(collections.providerKeys),
  ]);
  const keyCounts = new Map<string, number>();
  for (const key of keys) keyCounts.set(key.providerId, (keyCounts.get(key.providerId) ?? 0) + 1);
  return { catalog, keyCounts };
}

function keysLabel(count: number): string {
  return count === 0 ? 'No keys' : `${count} key${count === 1 ? '' : 's'}`;
}

/** The API formats a custom provider speaks, each once ("openai, anthropic"). */
function formatsOf(provider: CustomProvider): string {
  return [...new Set((provider.supportedApiSurfaces ?? []).map((entry) => entry.format))].join(', ') || '—';
}

function modelsOf(provider: CustomProvider): string {
  return (provider.models ?? []).map((model) => model.modelId).join(', ') || '—';
}

/** The account's own providers: any OpenAI- or Anthropic-compatible endpoint. */
const customProvidersListing: ResourceListing<CustomProvider> = {
  collection: collections.customProviders,
  title: 'Custom providers',
  createLabel: 'Add custom provider',
  editor: { dialog: customProviderDialog },
  columns: [
    {
      header: 'Provider',
      cell: (provider) => (
        <>
          {provider.name} <span class="muted mono small">{provider.providerId}</span>
        </>
      ),
    },
    { header: 'Base URL', class: 'mono small', cell: (provider) => provider.baseUrl },
    { header: 'Format', cell: formatsOf },
    { header: 'Models', class: 'mono small', cell: modelsOf },
  ],
  empty: {
    title: 'No custom providers',
    text: 'Add any OpenAI- or Anthropic-compatible endpoint (an https URL) and call it as provider:model.',
  },
  deletion: {
    title: 'Delete custom provider',
    confirmLabel: 'Delete provider',
    describe: 'A provider that configurations or keys still reference cannot be deleted.',
  },
};

/** The built-in catalog (managed or bring-your-own-key) and the account's custom providers. */
export function ProvidersPage() {
  const [catalog, reloadCatalog] = useResource(loadCatalog, []);
  return (
    <>
      <PageHeader
        title="Providers"
        description="Where Tollgate sends requests. Built-in providers come from the catalog."
      />
      <section class="section" aria-labelledby="built-in-title">
        <h2 id="built-in-title">Built-in providers</h2>
        <Async resource={catalog} onRetry={reloadCatalog}>
          {({ catalog: { providers }, keyCounts }) => (
            <Table
              columns={['Provider', 'Format', 'Managed inference', 'Your keys (BYOK)']}
              rows={providers}
              empty={<Empty title="The catalog lists no providers" />}
            >
              {(provider) => {
                const count = keyCounts.get(provider.id) ?? 0;
                return (
                  <tr key={provider.id}>
                    <td>
                      {provider.name} <span class="muted mono small">{provider.id}</span>
                    </td>
                    <td>{provider.format === 'anthropic' ? 'Anthropic' : 'OpenAI'}</td>
                    <td>
                      {provider.managed ? (
                        <span class="badge badge-good">Managed</span>
                      ) : (
                        <span class="muted">Not offered</span>
                      )}
                    </td>
                    <td>
                      <span class={count > 0 ? 'badge badge-good' : 'badge'}>{keysLabel(count)}</span>{' '}
                      <Link route="provider-keys" class="small">
                        Manage
                      </Link>
                    </td>
                  </tr>
                );
              }}
            </Table>
          )}
        </Async>
      </section>
      <ResourceSection listing={customProvidersListing} />
    </>
  );
}
