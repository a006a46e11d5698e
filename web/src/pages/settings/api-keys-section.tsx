import { useState } from 'preact/hooks';
import { listAll } from '../../api/client';
import type { ApiKey, Me } from '../../api/types';
import { deletionOf, ResourceTable } from '../../components/resource-table';
import { Async, Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { NewApiKeyDialog } from './new-api-key-dialog';

/** The account's management keys; deleting the one in use ends this session at the next request. */
export function ApiKeysSection({ me }: { me: Me }) {
  const [resource, reload] = useResource(() => listAll<ApiKey>('/api-keys', 'aiGatewayApiKeys'), []);
  const [creating, setCreating] = useState(false);
  return (
    <section class="section" aria-labelledby="api-keys-title">
      <div class="section-header">
        <h2 id="api-keys-title">API keys</h2>
        <button type="button" class="button button-primary" onClick={() => setCreating(true)}>
          New API key
        </button>
      </div>
      <Async resource={resource} onRetry={reload}>
        {(keys) => (
          <ResourceTable
            columns={['Name', 'Key', 'Role', 'Last used']}
            rows={keys}
            empty={<Empty title="No API keys" />}
            cells={(key) => (
              <>
                <td>
                  {key.name ?? <span class="muted">Unnamed</span>}
                  {key.id === me.id && <span class="badge">this session</span>}
                </td>
                <td class="mono">{key.keyRedacted}</td>
                <td>{key.isOperator ? 'Operator' : 'Account'}</td>
                <td>{formatDateTime(key.lastUsed)}</td>
              </>
            )}
            subject={(key) => key.name ?? key.keyRedacted}
            deletion={deletionOf<ApiKey>(
              ['Delete', 'Delete API key', 'Delete API key'],
              '/api-keys',
              (key) => (
                <>
                  <p>
                    Delete <strong>{key.name ?? key.keyRedacted}</strong>? Anything using it loses access at
                    once.
                  </p>
                  {key.id === me.id && (
                    <p class="warning">This is the key you signed in with: you will be signed out.</p>
                  )}
                </>
              ),
            )}
            onDeleted={reload}
          />
        )}
      </Async>
      {creating && <NewApiKeyDialog onCreated={reload} onClose={() => setCreating(false)} />}
    </section>
  );
}
