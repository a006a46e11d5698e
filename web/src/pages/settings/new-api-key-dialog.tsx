import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { CreatedApiKey } from '../../api/types';
import { CreateTokenDialog } from '../../components/create-token-dialog';
import { TextField } from '../../components/text-field';

/** Creates an API key (for the admin API and this dashboard) and shows its token once. */
export function NewApiKeyDialog({ onCreated, onClose }: { onCreated(): void; onClose(): void }) {
  const [name, setName] = useState('');
  return (
    <CreateTokenDialog
      title="New API key"
      createdTitle="API key created"
      submitLabel="Create API key"
      create={() => api.post<CreatedApiKey>('/api-keys', name.trim() ? { name: name.trim() } : {})}
      onCreated={onCreated}
      onClose={onClose}
    >
      {(errors) => (
        <>
          <p class="muted">API keys manage this account through the admin API and this dashboard.</p>
          <TextField
            label="Name"
            error={errorAt(errors, 'name')}
            maxLength={255}
            value={name}
            onChange={setName}
          />
        </>
      )}
    </CreateTokenDialog>
  );
}
