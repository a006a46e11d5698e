import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { ProviderKey } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { SecretField } from '../../components/secret-field';
import { TextField } from '../../components/text-field';

interface RotateProviderKeyDialogProps {
  providerKey: ProviderKey;
  onSaved(): void;
  onClose(): void;
}

/** Replaces a key's value in place: configurations that route to it keep working with the new value. */
export function RotateProviderKeyDialog({ providerKey, onSaved, onClose }: RotateProviderKeyDialogProps) {
  const [name, setName] = useState(providerKey.name);
  const [value, setValue] = useState('');
  return (
    <FormDialog
      title={`Rotate ${providerKey.name}`}
      submitLabel="Rotate key"
      busyLabel="Rotating…"
      onSubmit={async () => {
        await api.post(`/provider-keys/${encodeURIComponent(providerKey.id)}/rotate`, {
          name: name.trim(),
          value: value.trim(),
        });
        onSaved();
      }}
      onClose={onClose}
    >
      {(errors) => (
        <>
          <p class="muted">
            Currently <span class="mono">{providerKey.keyRedacted}</span>. The new value takes over at once
            for every configuration that uses this key.
          </p>
          <TextField label="Name" error={errorAt(errors, 'name')} required value={name} onChange={setName} />
          <SecretField
            label="New key value"
            error={errorAt(errors, 'value')}
            value={value}
            onChange={setValue}
          />
        </>
      )}
    </FormDialog>
  );
}
