import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { ProviderKey } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Field } from '../../components/field';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../lib/use-submit';

interface RotateProviderKeyDialogProps {
  providerKey: ProviderKey;
  onSaved(): void;
  onClose(): void;
}

/** Replaces a key's value in place: configurations that route to it keep working with the new value. */
export function RotateProviderKeyDialog({ providerKey, onSaved, onClose }: RotateProviderKeyDialogProps) {
  const [name, setName] = useState(providerKey.name);
  const [value, setValue] = useState('');
  const submission = useSubmit();
  const errors = submission.fieldErrors;
  return (
    <Dialog title={`Rotate ${providerKey.name}`} onClose={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            await api.post(`/provider-keys/${encodeURIComponent(providerKey.id)}/rotate`, {
              name: name.trim(),
              value: value.trim(),
            });
            onSaved();
            onClose();
          });
        }}
      >
        <div class="dialog-body">
          <p class="muted">
            Currently <span class="mono">{providerKey.keyRedacted}</span>. The new value takes over at once
            for every configuration that uses this key.
          </p>
          <Field label="Name" error={errorAt(errors, 'name')}>
            {(control) => (
              <input
                {...control}
                required
                value={name}
                onInput={(event) => setName(event.currentTarget.value)}
              />
            )}
          </Field>
          <Field label="New key value" error={errorAt(errors, 'value')}>
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
            {submission.busy ? 'Rotating…' : 'Rotate key'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
