import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import { FormDialog } from '../../components/form-dialog';
import { SecretField } from '../../components/secret-field';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import type { ProviderChoice } from '../../lib/provider-choices';

interface AddProviderKeyDialogProps {
  providers: ProviderChoice[];
  onSaved(): void;
  onClose(): void;
}

export function AddProviderKeyDialog({ providers, onSaved, onClose }: AddProviderKeyDialogProps) {
  const [providerId, setProviderId] = useState(providers[0]?.id ?? '');
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  return (
    <FormDialog
      title="Add provider key"
      submitLabel="Add key"
      busyLabel="Adding…"
      onSubmit={async () => {
        await api.post('/provider-keys', { providerId, name: name.trim(), value: value.trim() });
        onSaved();
      }}
      onClose={onClose}
    >
      {(errors) => (
        <>
          <SelectField
            label="Provider"
            error={errorAt(errors, 'providerId')}
            value={providerId}
            choices={providers.map((provider) => ({
              value: provider.id,
              label: `${provider.name} (${provider.id})`,
            }))}
            onChange={setProviderId}
          />
          <TextField
            label="Name"
            hint="To tell keys apart, e.g. production."
            error={errorAt(errors, 'name')}
            required
            value={name}
            onChange={setName}
          />
          <SecretField
            label="Key value"
            hint="Stored encrypted; only its first and last characters are ever shown."
            error={errorAt(errors, 'value')}
            value={value}
            onChange={setValue}
          />
        </>
      )}
    </FormDialog>
  );
}
