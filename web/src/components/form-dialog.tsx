import type { ComponentChildren } from 'preact';
import type { FieldDetails } from '../api/client';
import { useSubmit } from '../lib/use-submit';
import { Dialog } from './dialog';
import { FormError } from './form-error';

export interface DialogFormProps {
  submitLabel: string;
  /** The submit button's text while the request is in flight, e.g. "Saving…". */
  busyLabel: string;
  /** Destructive actions get a red submit button. */
  danger?: boolean;
  /** Sends the form; when it throws, the form stays as typed and shows the API's messages. */
  onSubmit(): Promise<void>;
  onCancel(): void;
  /** The fields, given the API's messages by field so each can show its own. */
  children(errors: FieldDetails): ComponentChildren;
}

/**
 * The form inside a dialog: fields, the API's error, then Cancel and submit. Used on its own where
 * the same dialog goes on to show something else (a new token); otherwise through FormDialog.
 */
export function DialogForm({
  submitLabel,
  busyLabel,
  danger = false,
  onSubmit,
  onCancel,
  children,
}: DialogFormProps) {
  const submission = useSubmit();
  return (
    // noValidate: the API checks every field and names it; the browser's bubbles would pre-empt those messages.
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submission.run(onSubmit);
      }}
    >
      <div class="dialog-body">
        {children(submission.fieldErrors)}
        <FormError error={submission.error} />
      </div>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
        <button
          type="submit"
          class={danger ? 'button button-danger' : 'button button-primary'}
          disabled={submission.busy}
        >
          {submission.busy ? busyLabel : submitLabel}
        </button>
      </div>
    </form>
  );
}

interface FormDialogProps extends Omit<DialogFormProps, 'onCancel'> {
  title: string;
  onClose(): void;
}

/** A modal form; Cancel and Escape close it, and so does a submit that succeeds. */
export function FormDialog({ title, onClose, onSubmit, ...form }: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <DialogForm
        {...form}
        onSubmit={async () => {
          await onSubmit();
          onClose();
        }}
        onCancel={onClose}
      />
    </Dialog>
  );
}
