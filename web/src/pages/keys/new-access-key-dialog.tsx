import { api } from '../../api/client';
import type { Configuration, CreatedAccessKey } from '../../api/types';
import { CreateTokenDialog, nameIfGiven } from '../../components/create-token-dialog';
import { TextField } from '../../components/text-field';
import { useForm } from '../../lib/use-form';
import { ConfigurationField } from './configuration-field';

interface NewAccessKeyDialogProps {
  configurations: readonly Configuration[];
  onSaved(): void;
  onClose(): void;
}

/** Creates an access key and shows its token once. */
export function NewAccessKeyDialog({ configurations, onSaved, onClose }: NewAccessKeyDialogProps) {
  const form = useForm({ name: '', accessKeyConfigurationId: '' });
  return (
    <CreateTokenDialog
      form={form}
      title="New access key"
      createdTitle="Access key created"
      submitLabel="Create key"
      create={() => {
        const { name, accessKeyConfigurationId } = form.values;
        return api.post<CreatedAccessKey>('/access-keys', {
          ...nameIfGiven(name),
          ...(accessKeyConfigurationId ? { accessKeyConfigurationId } : {}),
        });
      }}
      onCreated={onSaved}
      onClose={onClose}
      usage={
        <p class="muted small">
          Use it as the API key of the OpenAI or Anthropic SDK, pointed at this gateway's{' '}
          <span class="mono">/v1</span>.
        </p>
      }
    >
      <TextField
        label="Name"
        hint="Which application uses it, e.g. billing-service."
        maxLength={255}
        {...form.field('name')}
      />
      <ConfigurationField configurations={configurations} {...form.field('accessKeyConfigurationId')} />
    </CreateTokenDialog>
  );
}
