import { useState } from 'preact/hooks';
import { listAll } from '../../api/client';
import type { ApiKey, Me } from '../../api/types';
import { DeleteDialog } from '../../components/delete-dialog';
import { RowAction } from '../../components/row-action';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { NewApiKeyDialog } from './new-api-key-dialog';

type Open = { dialog: 'none' } | { dialog: 'new' } | { dialog: 'delete'; key: ApiKey };

/** The account's management keys; deleting the one in use ends this session at the next request. */
export function ApiKeysSection({ me }: { me: Me }) {
  const [resource, reload] = useResource(() => listAll<ApiKey>('/api-keys', 'aiGatewayApiKeys'), []);
  const [open, setOpen] = useState<Open>({ dialog: 'none' });
  const close = () => setOpen({ dialog: 'none' });
  return (
    <section class="section" aria-labelledby="api-keys-title">
      <div class="section-header">
        <h2 id="api-keys-title">API keys</h2>
        <button type="button" class="button button-primary" onClick={() => setOpen({ dialog: 'new' })}>
          New API key
        </button>
      </div>
      <Async resource={resource} onRetry={reload}>
        {(keys) => (
          <Table
            columns={['Name', 'Key', 'Role', 'Last used', { label: 'Actions', hidden: true }]}
            rows={keys}
            empty={<Empty title="No API keys" />}
          >
            {(key) => (
              <tr key={key.id}>
                <td>
                  {key.name ?? <span class="muted">Unnamed</span>}
                  {key.id === me.id && <span class="badge">this session</span>}
                </td>
                <td class="mono">{key.keyRedacted}</td>
                <td>{key.isOperator ? 'Operator' : 'Account'}</td>
                <td>{formatDateTime(key.lastUsed)}</td>
                <td class="row-actions">
                  <RowAction
                    subject={key.name ?? key.keyRedacted}
                    danger
                    onClick={() => setOpen({ dialog: 'delete', key })}
                  >
                    Delete
                  </RowAction>
                </td>
              </tr>
            )}
          </Table>
        )}
      </Async>
      {open.dialog === 'new' && <NewApiKeyDialog onCreated={reload} onClose={close} />}
      {open.dialog === 'delete' && (
        <DeleteDialog
          title="Delete API key"
          confirmLabel="Delete API key"
          collection="/api-keys"
          id={open.key.id}
          onDeleted={reload}
          onClose={close}
        >
          <p>
            Delete <strong>{open.key.name ?? open.key.keyRedacted}</strong>? Anything using it loses access at
            once.
          </p>
          {open.key.id === me.id && (
            <p class="warning">This is the key you signed in with: you will be signed out.</p>
          )}
        </DeleteDialog>
      )}
    </section>
  );
}
