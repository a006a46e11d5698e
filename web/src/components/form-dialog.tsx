import type { ComponentChildren } from 'preact';
import type { Submission } from '../lib/use-submit';
import { ApiForm } from './api-form';
import { Dialog } from './dialog';
import { FormActions } from './form-actions';
import { FormError } from './form-error';

export interface DialogFormProps {
  /** The form's submission (usually a `useForm`), whose field errors its fields show. */
  form: Submission;
  submitLabel: string;
  /** The submit button's text while the request is in flight, e.g. "Saving…". */
  busyLabel: string;
  /** Destructive actions get a red submit button. */
  danger?: boolean;
  /** Sends the form; when it throws, the form stays as typed and shows the API's messages. */
  onSubmit(): Promise<void>;
  onCancel(): void;
  /** The fields, bound to the same form so each shows the API's message for it. */
  children?: ComponentChildren;
}

/**
 * The form inside a dialog: fields, the API's error, then Cancel and submit. Used on its own where
 * the same dialog goes on to show something else (a new token); otherwise through FormDialog.
 */
export function DialogForm({ form, onSubmit, onCancel, children, ...actions }: DialogFormProps) {
  return (
    <ApiForm form={form} onSubmit={onSubmit}>
      <div class="dialog-body">
        {children}
        <FormError error={form.error} />
      </div>
      <FormActions {...actions} busy={form.busy} onCancel={onCancel} class="dialog-actions" />
    </ApiForm>
  );
}

interface FormDialogProps<Values> extends Omit<DialogFormProps, 'form' | 'onSubmit' | 'onCancel'> {
  /** The form (a `useForm`): its fields show the API's messages, and its values are what is sent. */
  form: Submission & { values: Values };
  title: string;
  /** Sends the values as typed; when it throws, the form stays as it is and shows the API's messages. */
  onSubmit(values: Values): Promise<void>;
  onClose(): void;
}

/** A modal form; Cancel and Escape close it, and so does a submit that succeeds. */
export function FormDialog<Values>({ form, title, onClose, onSubmit, ...actions }: FormDialogProps<Values>) {
  return (
    <Dialog title={title} onClose={onClose}>
      <DialogForm
        {...actions}
        form={form}
        onSubmit={async () => {
          await onSubmit(form.values);
          onClose();
        }}
        onCancel={onClose}
      />
    </Dialog>
  );
}
