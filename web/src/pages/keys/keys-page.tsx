import { collections } from '../../api/collections';
import type { AccessKey, Configuration } from '../../api/types';
import { type ResourceListing, ResourcePage } from '../../components/resource-list';
import { formatDateTime } from '../../lib/format';
import { keyLabel } from '../../lib/key-label';
import { loadedRows, useCollection } from '../../lib/use-collection';
import { ChangeConfigurationDialog } from './change-configuration-dialog';
import { NewAccessKeyDialog } from './new-access-key-dialog';

/** Access keys, whose dialogs offer the account's configurations (none while they load). */
function accessKeysListing(configurations: readonly Configuration[]): ResourceListing<AccessKey> {
  return {
    collection: collections.accessKeys,
    title: 'Keys',
    description: 'Access keys authenticate applications on the gateway (Authorization: Bearer tg-…).',
    createLabel: 'New access key',
    create: (list) => <NewAccessKeyDialog configurations={configurations} {...list} />,
    columns: [
      { header: 'Name', cell: (key) => key.name ?? <span class="muted">Unnamed</span> },
      { header: 'Key', class: 'mono', cell: (key) => key.keyRedacted },
      {
        header: 'Configuration',
        cell: (key) => key.accessKeyConfiguration?.name || <span class="muted">None (allow all)</span>,
      },
      { header: 'Last used', cell: (key) => formatDateTime(key.lastUsed) },
    ],
    empty: { title: 'No access keys yet', text: 'Create one for each application that calls the gateway.' },
    subject: keyLabel,
    actions: [
      {
        label: 'Configuration',
        dialog: (key, list) => (
          <ChangeConfigurationDialog accessKey={key} configurations={configurations} {...list} />
        ),
      },
    ],
    deletion: {
      label: 'Revoke',
      title: 'Revoke access key',
      confirmLabel: 'Revoke key',
      describe: (key) => (
        <p>
          Revoke <strong>{keyLabel(key)}</strong> (<span class="mono">{key.keyRedacted}</span>)? Applications
          using it are refused from their next request. This cannot be undone.
        </p>
      ),
    },
  };
}

/** Access keys: the credentials applications send to the gateway. */
export function KeysPage() {
  // Offered by the dialogs; until they load (or if they cannot), a key can still be made without one.
  const configurations = loadedRows(useCollection(collections.configurations));
  return <ResourcePage listing={accessKeysListing(configurations)} />;
}
