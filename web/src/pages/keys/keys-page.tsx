import type { AccessKey, Configuration } from '../../api/types';
import { ResourcePage } from '../../components/resource-list';
import { deletionOf } from '../../components/resource-table';
import { Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useCollection } from '../../lib/use-collection';
import { useDialog } from '../../lib/use-dialog';
import { ChangeConfigurationDialog } from './change-configuration-dialog';
import { NewAccessKeyDialog } from './new-access-key-dialog';

type Open = { dialog: 'new' } | { dialog: 'configure'; key: AccessKey };

const revokeAccessKey = deletionOf<AccessKey>(['Revoke', 'Revoke access key', 'Revoke key'], (key) => (
  <p>
    Revoke <strong>{keyLabel(key)}</strong> (<span class="mono">{key.keyRedacted}</span>)? Applications using
    it are refused from their next request. This cannot be undone.
  </p>
));

function keyLabel(key: AccessKey): string {
  return key.name ?? key.keyRedacted;
}

/** Access keys: the credentials applications send to the gateway. */
export function KeysPage() {
  const keys = useCollection<AccessKey>('/access-keys', 'aiGatewayAccessKeys');
  // Offered by the dialogs; until they load (or if they cannot), a key can still be made without one.
  const configurationList = useCollection<Configuration>(
    '/access-key-configurations',
    'aiGatewayAccessKeyConfigurations',
  );
  const configurations = configurationList.resource.status === 'ready' ? configurationList.resource.data : [];
  const { open, show, close } = useDialog<Open>();
  return (
    <ResourcePage
      title="Keys"
      description="Access keys authenticate applications on the gateway (Authorization: Bearer tg-…)."
      createLabel="New access key"
      onCreate={() => show({ dialog: 'new' })}
      collection={keys}
      columns={['Name', 'Key', 'Configuration', 'Last used']}
      empty={
        <Empty title="No access keys yet">
          <p>Create one for each application that calls the gateway.</p>
        </Empty>
      }
      cells={(key) => (
        <>
          <td>{key.name ?? <span class="muted">Unnamed</span>}</td>
          <td class="mono">{key.keyRedacted}</td>
          <td>{key.accessKeyConfiguration?.name || <span class="muted">None (allow all)</span>}</td>
          <td>{formatDateTime(key.lastUsed)}</td>
        </>
      )}
      subject={keyLabel}
      actions={[{ label: 'Configuration', run: (key) => show({ dialog: 'configure', key }) }]}
      deletion={revokeAccessKey}
    >
      {open?.dialog === 'new' && (
        <NewAccessKeyDialog configurations={configurations} onCreated={keys.reload} onClose={close} />
      )}
      {open?.dialog === 'configure' && (
        <ChangeConfigurationDialog
          accessKey={open.key}
          configurations={configurations}
          onSaved={keys.reload}
          onClose={close}
        />
      )}
    </ResourcePage>
  );
}
