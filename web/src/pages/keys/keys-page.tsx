import { useState } from 'preact/hooks';
import { listAll } from '../../api/client';
import type { AccessKey, Configuration } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { deletionOf, ResourceTable } from '../../components/resource-table';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { ChangeConfigurationDialog } from './change-configuration-dialog';
import { NewAccessKeyDialog } from './new-access-key-dialog';

interface KeysData {
  keys: AccessKey[];
  configurations: Configuration[];
}

type Open = { dialog: 'none' } | { dialog: 'new' } | { dialog: 'configure'; key: AccessKey };

const revokeAccessKey = deletionOf<AccessKey>(
  ['Revoke', 'Revoke access key', 'Revoke key'],
  '/access-keys',
  (key) => (
    <p>
      Revoke <strong>{keyLabel(key)}</strong> (<span class="mono">{key.keyRedacted}</span>)? Applications
      using it are refused from their next request. This cannot be undone.
    </p>
  ),
);

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
  const [open, setOpen] = useState<Open>({ dialog: 'none' });
  const close = () => setOpen({ dialog: 'none' });
  const configurations = resource.status === 'ready' ? resource.data.configurations : [];
  return (
    <>
      <PageHeader
        title="Keys"
        description="Access keys authenticate applications on the gateway (Authorization: Bearer tg-…)."
        actions={
          <button type="button" class="button button-primary" onClick={() => setOpen({ dialog: 'new' })}>
            New access key
          </button>
        }
      />
      <Async resource={resource} onRetry={reload}>
        {({ keys }) => (
          <ResourceTable
            columns={['Name', 'Key', 'Configuration', 'Last used']}
            rows={keys}
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
            actions={[{ label: 'Configuration', run: (key) => setOpen({ dialog: 'configure', key }) }]}
            deletion={revokeAccessKey}
            onDeleted={reload}
          />
        )}
      </Async>
      {open.dialog === 'new' && (
        <NewAccessKeyDialog configurations={configurations} onCreated={reload} onClose={close} />
      )}
      {open.dialog === 'configure' && (
        <ChangeConfigurationDialog
          accessKey={open.key}
          configurations={configurations}
          onSaved={reload}
          onClose={close}
        />
      )}
    </>
  );
}
