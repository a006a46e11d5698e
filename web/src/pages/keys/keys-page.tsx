import { useState } from 'preact/hooks';
import { listAll } from '../../api/client';
import type { AccessKey, Configuration } from '../../api/types';
import { DeleteDialog } from '../../components/delete-dialog';
import { PageHeader } from '../../components/page-header';
import { RowAction } from '../../components/row-action';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { ChangeConfigurationDialog } from './change-configuration-dialog';
import { NewAccessKeyDialog } from './new-access-key-dialog';

interface KeysData {
  keys: AccessKey[];
  configurations: Configuration[];
}

type Open =
  | { dialog: 'none' }
  | { dialog: 'new' }
  | { dialog: 'revoke'; key: AccessKey }
  | { dialog: 'configure'; key: AccessKey };

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
          <Table
            columns={['Name', 'Key', 'Configuration', 'Last used', { label: 'Actions', hidden: true }]}
            rows={keys}
            empty={
              <Empty title="No access keys yet">
                <p>Create one for each application that calls the gateway.</p>
              </Empty>
            }
          >
            {(key) => (
              <tr key={key.id}>
                <td>{key.name ?? <span class="muted">Unnamed</span>}</td>
                <td class="mono">{key.keyRedacted}</td>
                <td>{key.accessKeyConfiguration?.name || <span class="muted">None (allow all)</span>}</td>
                <td>{formatDateTime(key.lastUsed)}</td>
                <td class="row-actions">
                  <RowAction onClick={() => setOpen({ dialog: 'configure', key })}>Configuration</RowAction>
                  <RowAction
                    subject={keyLabel(key)}
                    danger
                    onClick={() => setOpen({ dialog: 'revoke', key })}
                  >
                    Revoke
                  </RowAction>
                </td>
              </tr>
            )}
          </Table>
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
      {open.dialog === 'revoke' && (
        <DeleteDialog
          title="Revoke access key"
          confirmLabel="Revoke key"
          collection="/access-keys"
          id={open.key.id}
          onDeleted={reload}
          onClose={close}
        >
          <p>
            Revoke <strong>{keyLabel(open.key)}</strong> (<span class="mono">{open.key.keyRedacted}</span>)?
            Applications using it are refused from their next request. This cannot be undone.
          </p>
        </DeleteDialog>
      )}
    </>
  );
}
