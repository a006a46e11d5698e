import { collections } from '../../api/collections';
import type { ApiKey, Me } from '../../api/types';
import { type ResourceListing, ResourceSection } from '../../components/resource-list';
import { formatDateTime } from '../../lib/format';
import { keyLabel } from '../../lib/key-label';
import { NewApiKeyDialog } from './new-api-key-dialog';

/** The account's management keys, the one this session signed in with marked. */
function apiKeysListing(me: Me): ResourceListing<ApiKey> {
  return {
    collection: collections.apiKeys,
    title: 'API keys',
    createLabel: 'New API key',
    create: (list) => <NewApiKeyDialog {...list} />,
    columns: [
      {
        header: 'Name',
        cell: (key) => (
          <>
            {key.name ?? <span class="muted">Unnamed</span>}
            {key.id === me.id && <span class="badge">this session</span>}
          </>
        ),
      },
      { header: 'Key', class: 'mono', cell: (key) => key.keyRedacted },
      { header: 'Role', cell: (key) => (key.isOperator ? 'Operator' : 'Account') },
      { header: 'Last used', cell: (key) => formatDateTime(key.lastUsed) },
    ],
    empty: { title: 'No API keys' },
    subject: keyLabel,
    deletion: {
      title: 'Delete API key',
      confirmLabel: 'Delete API key',
      describe: (key) => (
        <>
          <p>
            Delete <strong>{keyLabel(key)}</strong>? Anything using it loses access at once.
          </p>
          {key.id === me.id && (
            <p class="warning">This is the key you signed in with: you will be signed out.</p>
          )}
        </>
      ),
    },
  };
}

/** The account's management keys; deleting the one in use ends this session at the next request. */
export function ApiKeysSection({ me }: { me: Me }) {
  return <ResourceSection listing={apiKeysListing(me)} />;
}
