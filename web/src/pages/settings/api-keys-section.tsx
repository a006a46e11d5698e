import { useState } from 'preact/hooks';
import type { ApiKey, Me } from '../../api/types';
import { ResourceSection } from '../../components/resource-list';
import { deletionOf } from '../../components/resource-table';
import { Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useCollection } from '../../lib/use-collection';
import { NewApiKeyDialog } from './new-api-key-dialog';

/** The account's management keys; deleting the one in use ends this session at the next request. */
export function ApiKeysSection({ me }: { me: Me }) {
  const apiKeys = useCollection<ApiKey>('/api-keys', 'aiGatewayApiKeys');
  const [creating, setCreating] = useState(false);
  return (
    <ResourceSection
      title="API keys"
      createLabel="New API key"
      onCreate={() => setCreating(true)}
      collection={apiKeys}
      columns={['Name', 'Key', 'Role', 'Last used']}
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
      deletion={deletionOf<ApiKey>(['Delete', 'Delete API key', 'Delete API key'], (key) => (
        <>
          <p>
            Delete <strong>{key.name ?? key.keyRedacted}</strong>? Anything using it loses access at once.
          </p>
          {key.id === me.id && (
            <p class="warning">This is the key you signed in with: you will be signed out.</p>
          )}
        </>
      ))}
    >
      {creating && <NewApiKeyDialog onCreated={apiKeys.reload} onClose={() => setCreating(false)} />}
    </ResourceSection>
  );
}
