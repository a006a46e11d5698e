import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { FieldDetails } from '../../api/client';
import { FormError } from '../../components/form-error';
import { useSubmit } from '../../lib/use-submit';

interface SettingsFormProps {
  submitLabel: string;
  /** Sends the form; when it throws, the fields stay as typed and show the API's messages. */
  onSubmit(): Promise<void>;
  /** The fields, given the API's messages by field. */
  children(errors: FieldDetails): ComponentChildren;
}

/** A settings card's form: its fields, the API's error, and a save button that says when it saved. */
export function SettingsForm({ submitLabel, onSubmit, children }: SettingsFormProps) {
  const [saved, setSaved] = useState(false);
  const submission = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(false);
        void submission.run(async () => {
          await onSubmit();
          setSaved(true);
        });
      }}
    >
      {children(submission.fieldErrors)}
      <FormError error={submission.error} />
      <div class="form-actions">
        {saved && (
          <span class="saved" role="status">
            Saved.
          </span>
        )}
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
