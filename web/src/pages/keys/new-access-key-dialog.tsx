import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { Configuration, CreatedAccessKey } from '../../api/types';
import { CreateTokenDialog } from '../../components/create-token-dialog';
import { TextField } from '../../components/text-field';
import { ConfigurationField } from './configuration-field';

interface NewAccessKeyDialogProps {
  configurations: Configuration[];
  onCreated(): void;
  onClose(): void;
}

/** Creates an access key and shows its token once. */
export function NewAccessKeyDialog({ configurations, onCreated, onClose }: NewAccessKeyDialogProps) {
  const [name, setName] = useState('');
  const [configurationId, setConfigurationId] = useState('');
  return (
    <CreateTokenDialog
      title="New access key"
      createdTitle="Access key created"
      submitLabel="Create key"
      create={() =>
        api.post<CreatedAccessKey>('/access-keys', {
          ...(name.trim() ? { name: name.trim() } : {}),
          ...(configurationId ? { accessKeyConfigurationId: configurationId } : {}),
        })
      }
      onCreated={onCreated}
      onClose={onClose}
      usage={
        <p class="muted small">
          Use it as the API key of the OpenAI or Anthropic SDK, pointed at this gateway's{' '}
          <span class="mono">/v1</span>.
        </p>
      }
    >
      {(errors) => (
        <>
          <TextField
            label="Name"
            hint="Which application uses it, e.g. billing-service."
            error={errorAt(errors, 'name')}
            maxLength={255}
            value={name}
            onChange={setName}
          />
          <ConfigurationField
            error={errorAt(errors, 'accessKeyConfigurationId')}
            configurations={configurations}
            value={configurationId}
            onChange={setConfigurationId}
          />
        </>
      )}
    </CreateTokenDialog>
  );
}
