import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import type { ProviderChoice } from '../../lib/provider-choices';
import { useSubmit } from '../../lib/use-submit';

interface AddProviderKeyDialogProps {
  providers: ProviderChoice[];
  onSaved(): void;
  onClose(): void;
}

export function AddProviderKeyDialog({ providers, onSaved, onClose }: AddProviderKeyDialogProps) {
  const [providerId, setProviderId] = useState(providers[0]?.id ?? '');
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const submission = useSubmit();
  const errors = submission.fieldErrors;
  return (
    <Dialog title="Add provider key" onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            await api.post('/provider-keys', { providerId, name: name.trim(), value: value.trim() });
            onSaved();
            onClose();
          });
        }}
      >
        <div class="dialog-body">
          <Field label="Provider" error={errorAt(errors, 'providerId')}>
            {(control) => (
              <select
                {...control}
                value={providerId}
                onChange={(event) => setProviderId(event.currentTarget.value)}
              >
                {providers.map((provider) => (
                  <option key={provider.id} value={provider.id}>
                    {provider.name} ({provider.id})
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Name" hint="To tell keys apart, e.g. production." error={errorAt(errors, 'name')}>
            {(control) => (
              <input
                {...control}
                required
                value={name}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field
            label="Key value"
            hint="Stored encrypted; only its first and last characters are ever shown."
            error={errorAt(errors, 'value')}
          >
            {(control) => (
              <input
                {...control}
                type="password"
                class="mono"
                autoComplete="off"
                spellcheck={false}
                required
                value={value}
                onInput={(event) => setValue(event.currentTarget.value)}
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
            {submission.busy ? 'Adding…' : 'Add key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
