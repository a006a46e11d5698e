import { api } from '../../api/client';
import type { AccessKey, Configuration } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { keyLabel } from '../../lib/key-label';
import { useForm } from '../../lib/use-form';
import { ConfigurationField } from './configuration-field';

interface ChangeConfigurationDialogProps {
  accessKey: AccessKey;
  configurations: readonly Configuration[];
  onSaved(): void;
  onClose(): void;
}

export function ChangeConfigurationDialog({
  accessKey,
  configurations,
  onSaved,
  onClose,
}: ChangeConfigurationDialogProps) {
  const form = useForm({ accessKeyConfigurationId: accessKey.accessKeyConfiguration?.id ?? '' });
  return (
    <FormDialog
      form={form}
      title={`Configuration of ${keyLabel(accessKey)}`}
      submitLabel="Save"
      busyLabel="Saving…"
      onSubmit={async ({ accessKeyConfigurationId }) => {
        await api.patch(`/access-keys/${encodeURIComponent(accessKey.id)}`, {
          accessKeyConfigurationId: accessKeyConfigurationId || null,
        });
        onSaved();
      }}
      onClose={onClose}
    >
      <ConfigurationField
        hint="Takes effect on the key's next request."
        configurations={configurations}
        {...form.field('accessKeyConfigurationId')}
      />
    </FormDialog>
  );
}
