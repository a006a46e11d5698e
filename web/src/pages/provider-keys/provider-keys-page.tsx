import { collections, listOf } from '../../api/collections';
import type { ProviderKey } from '../../api/types';
import { LoadedResourcePage, type ResourceListing } from '../../components/resource-list';
import { formatDateTime } from '../../lib/format';
import { loadProviderChoices, type ProviderChoice, providerName } from '../../lib/provider-choices';
import { selectResource } from '../../lib/select-resource';
import { useResource } from '../../lib/use-resource';
import { AddProviderKeyDialog } from './add-provider-key-dialog';
import { RotateProviderKeyDialog } from './rotate-provider-key-dialog';

/** The keys with the providers they may be for, which name them in the list and are offered by Add. */
async function loadProviderKeys() {
  const [keys, choices] = await Promise.all([listOf(collections.providerKeys), loadProviderChoices()]);
  return { keys, providers: choices.providers };
}

/** Provider keys, shown and added with the providers they may be for. */
function providerKeysListing(providers: ProviderChoice[]): ResourceListing<ProviderKey> {
  return {
    collection: collections.providerKeys,
    title: 'Provider keys',
    description:
      'Your own keys for upstream providers, stored encrypted. Their values are never shown again.',
    createLabel: 'Add provider key',
    create: (list) => <AddProviderKeyDialog providers={providers} {...list} />,
    columns: [
      { header: 'Provider', cell: (key) => providerName(providers, key.providerId) },
      { header: 'Name', cell: (key) => key.name },
      { header: 'Key', class: 'mono', cell: (key) => key.keyRedacted },
      { header: 'Last used', cell: (key) => formatDateTime(key.lastUsed) },
      { header: 'Added', cell: (key) => formatDateTime(key.createdAt) },
    ],
    empty: {
      title: 'No provider keys yet',
      text: 'Add a key (for example your OpenAI key) so access keys can use that provider with your account.',
    },
    actions: [
      { label: 'Rotate', dialog: (key, list) => <RotateProviderKeyDialog providerKey={key} {...list} /> },
    ],
    deletion: {
      title: 'Delete provider key',
      confirmLabel: 'Delete key',
      describe: (key) => (
        <p>
          Delete <strong>{key.name}</strong> (<span class="mono">{key.keyRedacted}</span>)? A key that a
          configuration's router still uses cannot be deleted.
        </p>
      ),
    },
  };
}

/** The account's upstream keys (BYOK). Values are write-only: only the redacted form ever comes back. */
export function ProviderKeysPage() {
  const [resource, reload] = useResource(loadProviderKeys, []);
  const providers = resource.status === 'ready' ? resource.data.providers : [];
  const keys = selectResource(resource, (data) => data.keys);
  return (
    <LoadedResourcePage
      listing={providerKeysListing(providers)}
      collection={{ path: collections.providerKeys.path, resource: keys, reload }}
    />
  );
}
