import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { Configuration, CreatedAccessKey } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import { SecretReveal } from '../../components/secret-reveal';
import { useSubmit } from '../../lib/use-submit';
import { ConfigurationSelect } from './configuration-select';

interface NewAccessKeyDialogProps {
  configurations: Configuration[];
  onCreated(): void;
  onClose(): void;
}

/** Creates an access key and shows its token once; closing the dialog drops the token for good. */
export function NewAccessKeyDialog({ configurations, onCreated, onClose }: NewAccessKeyDialogProps) {
  const [name, setName] = useState('');
  const [configurationId, setConfigurationId] = useState('');
  const [created, setCreated] = useState<CreatedAccessKey | null>(null);
  const submission = useSubmit();

  if (created) {
    return (
      <Dialog title="Access key created" onClose={onClose}>
        <div class="dialog-body">
          <SecretReveal label={`Token for ${created.name ?? created.keyRedacted}`} secret={created.token} />
          <p class="muted small">
            Use it as the API key of the OpenAI or Anthropic SDK, pointed at this gateway's{' '}
            <span class="mono">/v1</span>.
          </p>
        </div>
        <div class="dialog-actions">
          <button type="button" class="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="New access key" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            const body = {
              ...(name.trim() ? { name: name.trim() } : {}),
              ...(configurationId ? { accessKeyConfigurationId: configurationId } : {}),
            };
            setCreated(await api.post<CreatedAccessKey>('/access-keys', body));
            onCreated();
          });
        }}
      >
        <div class="dialog-body">
          <Field
            label="Name"
            hint="Which application uses it, e.g. billing-service."
            error={errorAt(submission.fieldErrors, 'name')}
          >
            {(control) => (
              <input
                {...control}
                value={name}
                maxLength={255}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="Configuration" error={errorAt(submission.fieldErrors, 'accessKeyConfigurationId')}>
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
            {submission.busy ? 'Creating…' : 'Create key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
