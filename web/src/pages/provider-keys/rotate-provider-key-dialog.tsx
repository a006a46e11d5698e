import { api } from '../../api/client';
import type { ProviderKey } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { SecretField } from '../../components/secret-field';
import { TextField } from '../../components/text-field';
import { useForm } from '../../lib/use-form';

interface RotateProviderKeyDialogProps {
  providerKey: ProviderKey;
  onSaved(): void;
  onClose(): void;
}

/** Replaces a key's value in place: configurations that route to it keep working with the new value. */
export function RotateProviderKeyDialog({ providerKey, onSaved, onClose }: RotateProviderKeyDialogProps) {
  const form = useForm({ name: providerKey.name, value: '' });
  return (
    <FormDialog
      form={form}
      title={`Rotate ${providerKey.name}`}
      submitLabel="Rotate key"
      busyLabel="Rotating…"
      onSubmit={async ({ name, value }) => {
        await api.post(`/provider-keys/${encodeURIComponent(providerKey.id)}/rotate`, {
          name: name.trim(),
          value: value.trim(),
        });
        onSaved();
      }}
      onClose={onClose}
    >
      <p class="muted">
        Currently <span class="mono">{providerKey.keyRedacted}</span>. The new value takes over at once for
        every configuration that uses this key.
      </p>
      <TextField label="Name" required {...form.field('name')} />
      <SecretField label="New key value" {...form.field('value')} />
    </FormDialog>
  );
}
