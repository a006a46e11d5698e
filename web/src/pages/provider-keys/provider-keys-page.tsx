import { listAll } from '../../api/client';
import type { ProviderKey } from '../../api/types';
import { ResourcePage } from '../../components/resource-list';
import { deletionOf } from '../../components/resource-table';
import { Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { loadProviderChoices, type ProviderChoices, providerName } from '../../lib/provider-choices';
import { selectResource } from '../../lib/select-resource';
import { useDialog } from '../../lib/use-dialog';
import { useResource } from '../../lib/use-resource';
import { AddProviderKeyDialog } from './add-provider-key-dialog';
import { RotateProviderKeyDialog } from './rotate-provider-key-dialog';

interface ProviderKeysData {
  keys: ProviderKey[];
  choices: ProviderChoices;
}

async function loadProviderKeys(): Promise<ProviderKeysData> {
  const [keys, choices] = await Promise.all([
    listAll<ProviderKey>('/provider-keys', 'aiGatewayProviderKeys'),
    loadProviderChoices(),
  ]);
  return { keys, choices };
}

type Open = { dialog: 'add' } | { dialog: 'rotate'; key: ProviderKey };

const deleteProviderKey = deletionOf<ProviderKey>(['Delete', 'Delete provider key', 'Delete key'], (key) => (
  <p>
    Delete <strong>{key.name}</strong> (<span class="mono">{key.keyRedacted}</span>)? A key that a
    configuration's router still uses cannot be deleted.
  </p>
));

/** The account's upstream keys (BYOK). Values are write-only: only the redacted form ever comes back. */
export function ProviderKeysPage() {
  const [resource, reload] = useResource(loadProviderKeys, []);
  const { open, show, close } = useDialog<Open>();
  const choices = resource.status === 'ready' ? resource.data.choices.providers : [];
  return (
    <ResourcePage
      title="Provider keys"
      description="Your own keys for upstream providers, stored encrypted. Their values are never shown again."
      createLabel="Add provider key"
      onCreate={() => show({ dialog: 'add' })}
      collection={{ path: '/provider-keys', resource: selectResource(resource, (data) => data.keys), reload }}
      columns={['Provider', 'Name', 'Key', 'Last used', 'Added']}
      empty={
        <Empty title="No provider keys yet">
          <p>
            Add a key (for example your OpenAI key) so access keys can use that provider with your account.
          </p>
        </Empty>
      }
      cells={(key) => (
        <>
          <td>{providerName(choices, key.providerId)}</td>
          <td>{key.name}</td>
          <td class="mono">{key.keyRedacted}</td>
          <td>{formatDateTime(key.lastUsed)}</td>
          <td>{formatDateTime(key.createdAt)}</td>
        </>
      )}
      subject={(key) => key.name}
      actions={[{ label: 'Rotate', run: (key) => show({ dialog: 'rotate', key }) }]}
      deletion={deleteProviderKey}
    >
      {open?.dialog === 'add' && (
        <AddProviderKeyDialog providers={choices} onSaved={reload} onClose={close} />
      )}
      {open?.dialog === 'rotate' && (
        <RotateProviderKeyDialog providerKey={open.key} onSaved={reload} onClose={close} />
      )}
    </ResourcePage>
  );
}
