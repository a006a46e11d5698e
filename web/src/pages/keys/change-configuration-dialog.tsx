import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { AccessKey, Configuration } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { ConfigurationField } from './configuration-field';

interface ChangeConfigurationDialogProps {
  accessKey: AccessKey;
  configurations: Configuration[];
  onSaved(): void;
  onClose(): void;
}

export function ChangeConfigurationDialog({
  accessKey,
  configurations,
  onSaved,
  onClose,
}: ChangeConfigurationDialogProps) {
  const [configurationId, setConfigurationId] = useState(accessKey.accessKeyConfiguration?.id ?? '');
  return (
    <FormDialog
      title={`Configuration of ${accessKey.name ?? accessKey.keyRedacted}`}
      submitLabel="Save"
      busyLabel="Saving…"
      onSubmit={async () => {
        await api.patch(`/access-keys/${encodeURIComponent(accessKey.id)}`, {
          accessKeyConfigurationId: configurationId || null,
        });
        onSaved();
      }}
      onClose={onClose}
    >
      {(errors) => (
        <ConfigurationField
          hint="Takes effect on the key's next request."
          error={errorAt(errors, 'accessKeyConfigurationId')}
          configurations={configurations}
          value={configurationId}
          onChange={setConfigurationId}
        />
      )}
    </FormDialog>
  );
}
