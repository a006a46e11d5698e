import { listAll } from '../../api/client';
import type { AccessKey, Configuration } from '../../api/types';
import { ResourcePage } from '../../components/resource-list';
import { deletionOf } from '../../components/resource-table';
import { Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { selectResource } from '../../lib/select-resource';
import { useDialog } from '../../lib/use-dialog';
import { useResource } from '../../lib/use-resource';
import { ChangeConfigurationDialog } from './change-configuration-dialog';
import { NewAccessKeyDialog } from './new-access-key-dialog';

interface KeysData {
  keys: AccessKey[];
  configurations: Configuration[];
}

type Open = { dialog: 'new' } | { dialog: 'configure'; key: AccessKey };

const revokeAccessKey = deletionOf<AccessKey>(['Revoke', 'Revoke access key', 'Revoke key'], (key) => (
  <p>
    Revoke <strong>{keyLabel(key)}</strong> (<span class="mono">{key.keyRedacted}</span>)? Applications using
    it are refused from their next request. This cannot be undone.
  </p>
));

async function loadKeys(): Promise<KeysData> {
  const [keys, configurations] = await Promise.all([
    listAll<AccessKey>('/access-keys', 'aiGatewayAccessKeys'),
    listAll<Configuration>('/access-key-configurations', 'aiGatewayAccessKeyConfigurations'),
  ]);
  return { keys, configurations };
}

function keyLabel(key: AccessKey): string {
  return key.name ?? key.keyRedacted;
}

/** Access keys: the credentials applications send to the gateway. */
export function KeysPage() {
  const [resource, reload] = useResource(loadKeys, []);
  const { open, show, close } = useDialog<Open>();
  const configurations = resource.status === 'ready' ? resource.data.configurations : [];
  return (
    <ResourcePage
      title="Keys"
      description="Access keys authenticate applications on the gateway (Authorization: Bearer tg-…)."
      create={{ label: 'New access key', run: () => show({ dialog: 'new' }) }}
      collection={{ path: '/access-keys', resource: selectResource(resource, (data) => data.keys), reload }}
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
        <NewAccessKeyDialog configurations={configurations} onCreated={reload} onClose={close} />
      )}
      {open?.dialog === 'configure' && (
        <ChangeConfigurationDialog
          accessKey={open.key}
          configurations={configurations}
          onSaved={reload}
          onClose={close}
        />
      )}
    </ResourcePage>
  );
}
