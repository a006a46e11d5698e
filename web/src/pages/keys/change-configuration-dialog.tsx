import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { AccessKey, Configuration } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../lib/use-submit';
import { ConfigurationSelect } from './configuration-select';

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
  const submission = useSubmit();
  return (
    <Dialog title={`Configuration of ${accessKey.name ?? accessKey.keyRedacted}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            await api.patch(`/access-keys/${encodeURIComponent(accessKey.id)}`, {
              accessKeyConfigurationId: configurationId || null,
            });
            onSaved();
            onClose();
          });
        }}
      >
        <div class="dialog-body">
          <Field
            label="Configuration"
            hint="Takes effect on the key's next request."
            error={errorAt(submission.fieldErrors, 'accessKeyConfigurationId')}
          >
            {(control) => (
              <ConfigurationSelect
                control={control}
                configurations={configurations}
                value={configurationId}
                onChange={setConfigurationId}
              />
            )}
          </Field>
          <FormError error={submission.error} />
        </div>
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-primary" disabled={submission.busy}>
            {submission.busy ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
