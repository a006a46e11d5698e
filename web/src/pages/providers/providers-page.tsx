import { useState } from 'preact/hooks';
import { api, listAll } from '../../api/client';
import type { Catalog, CustomProvider, ProviderKey } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { Async, Empty } from '../../components/states';
import { useResource } from '../../lib/use-resource';
import { CustomProviderDialog } from './custom-provider-dialog';

interface CatalogData {
  catalog: Catalog;
  keyCounts: Map<string, number>;
}

async function loadCatalog(): Promise<CatalogData> {
  const [catalog, keys] = await Promise.all([
    api.get<Catalog>('/ui/api/catalog'),
    listAll<ProviderKey>('/provider-keys', 'aiGatewayProviderKeys'),
  ]);
  const keyCounts = new Map<string, number>();
  for (const key of keys) keyCounts.set(key.providerId, (keyCounts.get(key.providerId) ?? 0) + 1);
  return { catalog, keyCounts };
}

function keysLabel(count: number): string {
  return count === 0 ? 'No keys' : `${count} key${count === 1 ? '' : 's'}`;
}

type Open =
  | { dialog: 'none' }
  | { dialog: 'edit'; provider: CustomProvider | undefined }
  | { dialog: 'delete'; provider: CustomProvider };

/** The built-in catalog (managed or bring-your-own-key) and the account's custom providers. */
export function ProvidersPage() {
  const [catalog, reloadCatalog] = useResource(loadCatalog, []);
  const [custom, reloadCustom] = useResource(
    () => listAll<CustomProvider>('/providers', 'aiGatewayProviders'),
    [],
  );
  const [open, setOpen] = useState<Open>({ dialog: 'none' });
  const close = () => setOpen({ dialog: 'none' });
  return (
    <>
      <PageHeader
        title="Providers"
        description="Where Tollgate sends requests. Built-in providers come from the catalog."
      />
      <section class="section" aria-labelledby="built-in-title">
        <h2 id="built-in-title">Built-in providers</h2>
        <Async resource={catalog} onRetry={reloadCatalog}>
          {({ catalog: { providers }, keyCounts }) =>
            providers.length === 0 ? (
              <Empty title="The catalog lists no providers" />
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">Provider</th>
                    <th scope="col">Format</th>
                    <th scope="col">Managed inference</th>
                    <th scope="col">Your keys (BYOK)</th>
                  </tr>
                </thead>
                <tbody>
                  {providers.map((provider) => {
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
                  })}
                </tbody>
              </table>
            )
          }
        </Async>
      </section>
      <section class="section" aria-labelledby="custom-title">
        <div class="section-header">
          <h2 id="custom-title">Custom providers</h2>
          <button
            type="button"
            class="button button-primary"
            onClick={() => setOpen({ dialog: 'edit', provider: undefined })}
          >
            Add custom provider
          </button>
        </div>
        <Async resource={custom} onRetry={reloadCustom}>
          {(providers) =>
            providers.length === 0 ? (
              <Empty title="No custom providers">
                <p>
                  Add any OpenAI- or Anthropic-compatible endpoint (an https URL) and call it as
                  provider:model.
                </p>
              </Empty>
            ) : (
              <table class="table">
                <thead>
                  <tr>
                    <th scope="col">Provider</th>
                    <th scope="col">Base URL</th>
                    <th scope="col">Format</th>
                    <th scope="col">Models</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {providers.map((provider) => (
                    <tr key={provider.id}>
                      <td>
                        {provider.name} <span class="muted mono small">{provider.providerId}</span>
                      </td>
                      <td class="mono small">{provider.baseUrl}</td>
                      <td>
                        {[
                          ...new Set((provider.supportedApiSurfaces ?? []).map((entry) => entry.format)),
                        ].join(', ') || '—'}
                      </td>
                      <td class="mono small">
                        {(provider.models ?? []).map((model) => model.modelId).join(', ') || '—'}
                      </td>
                      <td class="row-actions">
                        <button
                          type="button"
                          class="button button-small"
                          aria-label={`Edit ${provider.name}`}
                          onClick={() => setOpen({ dialog: 'edit', provider })}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          class="button button-small button-danger-quiet"
                          aria-label={`Delete ${provider.name}`}
                          onClick={() => setOpen({ dialog: 'delete', provider })}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Async>
      </section>
      {open.dialog === 'edit' && (
        <CustomProviderDialog provider={open.provider} onSaved={reloadCustom} onClose={close} />
      )}
      {open.dialog === 'delete' && (
        <ConfirmDialog
          title="Delete custom provider"
          confirmLabel="Delete provider"
          onConfirm={async () => {
            await api.delete(`/providers/${encodeURIComponent(open.provider.id)}`);
            reloadCustom();
          }}
          onClose={close}
        >
          <p>
            Delete <strong>{open.provider.name}</strong>? A provider that configurations or keys still
            reference cannot be deleted.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
