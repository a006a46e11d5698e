import { api } from '../../api/client';
import type { CreatedApiKey } from '../../api/types';
import { CreateTokenDialog, nameIfGiven } from '../../components/create-token-dialog';
import { TextField } from '../../components/text-field';
import { useForm } from '../../lib/use-form';

/** Creates an API key (for the admin API and this dashboard) and shows its token once. */
export function NewApiKeyDialog({ onSaved, onClose }: { onSaved(): void; onClose(): void }) {
  const form = useForm({ name: '' });
  return (
    <CreateTokenDialog
      form={form}
      title="New API key"
      createdTitle="API key created"
      submitLabel="Create API key"
      create={() => api.post<CreatedApiKey>('/api-keys', nameIfGiven(form.values.name))}
      onCreated={onSaved}
      onClose={onClose}
    >
      <p class="muted">API keys manage this account through the admin API and this dashboard.</p>
      <TextField label="Name" maxLength={255} {...form.field('name')} />
    </CreateTokenDialog>
  );
}
