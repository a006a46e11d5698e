import { api } from '../../api/client';
import { FormDialog } from '../../components/form-dialog';
import { SecretField } from '../../components/secret-field';
import { namedChoice, SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import type { ProviderChoice } from '../../lib/provider-choices';
import { useForm } from '../../lib/use-form';

interface AddProviderKeyDialogProps {
  providers: ProviderChoice[];
  onSaved(): void;
  onClose(): void;
}

export function AddProviderKeyDialog({ providers, onSaved, onClose }: AddProviderKeyDialogProps) {
  const form = useForm({ providerId: providers[0]?.id ?? '', name: '', value: '' });
  return (
    <FormDialog
      form={form}
      title="Add provider key"
      submitLabel="Add key"
      busyLabel="Adding…"
      onSubmit={async ({ providerId, name, value }) => {
        await api.post('/provider-keys', { providerId, name: name.trim(), value: value.trim() });
        onSaved();
      }}
      onClose={onClose}
    >
      <SelectField label="Provider" choices={providers.map(namedChoice)} {...form.field('providerId')} />
      <TextField label="Name" hint="To tell keys apart, e.g. production." required {...form.field('name')} />
      <SecretField
        label="Key value"
        hint="Stored encrypted; only its first and last characters are ever shown."
        {...form.field('value')}
      />
    </FormDialog>
  );
}
