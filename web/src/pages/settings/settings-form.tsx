import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiForm } from '../../components/api-form';
import { FormActions } from '../../components/form-actions';
import { FormError } from '../../components/form-error';
import type { Submission } from '../../lib/use-submit';

interface SettingsFormProps {
  /** The form's submission (usually a `useForm`), whose field errors its fields show. */
  form: Submission;
  submitLabel: string;
  /** Sends the form; when it throws, the fields stay as typed and show the API's messages. */
  onSubmit(): Promise<void>;
  children: ComponentChildren;
}

/** A settings card's form: its fields, the API's error, and a save button that says when it saved. */
export function SettingsForm({ form, submitLabel, onSubmit, children }: SettingsFormProps) {
  const [saved, setSaved] = useState(false);
  return (
    <ApiForm
      form={form}
      onSubmit={async () => {
        setSaved(false);
        await onSubmit();
        setSaved(true);
      }}
    >
      {children}
      <FormError error={form.error} />
      <FormActions busy={form.busy} submitLabel={submitLabel}>
        {saved && (
          <span class="saved" role="status">
            Saved.
          </span>
        )}
      </FormActions>
    </ApiForm>
  );
}
