import type { ComponentChildren } from 'preact';
import type { CollectionRef } from '../api/collections';
import type { Drafting } from '../lib/drafting';
import { saveResource } from '../lib/save-resource';
import { type Form, useForm } from '../lib/use-form';
import { FormDialog } from './form-dialog';
import type { ListDialog } from './resource-editing';
import type { Listed } from './resource-table';

/** How a dialog creates and edits one kind of record: its words for a new one, its draft and fields. */
export interface DialogEditor<Row, Draft> extends Drafting<Row, Draft> {
  /** The title and submit button while creating, e.g. `['New virtual model', 'Create virtual model']`. */
  creating: [title: string, submitLabel: string];
  /** The fields, bound to the form's draft; `record` is undefined while creating. */
  fields(form: Form<Draft>, record: Row | undefined): ComponentChildren;
}

interface RecordDialogProps<Row, Draft> extends ListDialog {
  editor: DialogEditor<Row, Draft>;
  /** Where the record is saved: the collection of the list the dialog was opened from. */
  collection: CollectionRef<Row>;
  /** The record being edited, or undefined to create one. */
  record: Row | undefined;
}

/** A dialog that creates a record of a collection, or edits one ("Edit <name>", Save). */
export function RecordDialog<Row extends Listed, Draft extends object>({
  editor,
  collection,
  record,
  onSaved,
  onClose,
}: RecordDialogProps<Row, Draft>) {
  const form = useForm(() => editor.draftOf(record));
  return (
    <FormDialog
      form={form}
      title={record ? `Edit ${record.name ?? record.id}` : editor.creating[0]}
      submitLabel={record ? 'Save' : editor.creating[1]}
      busyLabel="Saving…"
      onSubmit={async (draft) => {
        await saveResource(collection.path, record?.id, editor.bodyOf(draft, record !== undefined));
        onSaved();
      }}
      onClose={onClose}
    >
      {editor.fields(form, record)}
    </FormDialog>
  );
}
