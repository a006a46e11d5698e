import { collections } from '../../api/collections';
import type { ProviderKey } from '../../api/types';
import { type ResourceListing, ResourcePage } from '../../components/resource-list';
import { formatDateTime } from '../../lib/format';
import { loadProviderChoices, type ProviderChoice, providerName } from '../../lib/provider-choices';
import { useResource } from '../../lib/use-resource';
import { AddProviderKeyDialog } from './add-provider-key-dialog';
import { RotateProviderKeyDialog } from './rotate-provider-key-dialog';

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
  // The providers name each key's provider and are offered by Add; until they load (or if they
  // cannot), a key shows its provider's id.
  const [choices] = useResource(loadProviderChoices, []);
  const providers = choices.status === 'ready' ? choices.data.providers : [];
  return <ResourcePage listing={providerKeysListing(providers)} />;
}
