import type { ComponentChildren } from 'preact';
import { saveResource } from '../lib/save-resource';
import type { Submission } from '../lib/use-submit';
import { FormDialog } from './form-dialog';

interface RecordDialogProps {
  form: Submission;
  /** Where the record lives, e.g. `/virtual-models`. */
  collection: string;
  /** The record being edited, or undefined to create one. */
  record: { id: string; name: string } | undefined;
  /** The title and submit button while creating, e.g. `['New virtual model', 'Create virtual model']`. */
  creating: [title: string, submitLabel: string];
  /** The body to send: created with POST, updated with PATCH. */
  bodyOf(): unknown;
  onSaved(): void;
  onClose(): void;
  children: ComponentChildren;
}

/** A dialog that creates a record of a collection, or edits one ("Edit <name>", Save). */
export function RecordDialog({
  form,
  collection,
  record,
  creating,
  bodyOf,
  onSaved,
  onClose,
  children,
}: RecordDialogProps) {
  return (
    <FormDialog
      form={form}
      title={record ? `Edit ${record.name}` : creating[0]}
      submitLabel={record ? 'Save' : creating[1]}
      busyLabel="Saving…"
      onSubmit={async () => {
        await saveResource(collection, record?.id, bodyOf());
        onSaved();
      }}
      onClose={onClose}
    >
      {children}
    </FormDialog>
  );
}
