import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CollectionRef } from '../api/collections';
import { navigate } from '../lib/router';
import { type DialogEditor, RecordDialog } from './record-dialog';
import type { Listed, RowActionSpec } from './resource-table';

/** What a dialog opened from a list is given: `onSaved` reloads the list, `onClose` closes the dialog. */
export interface ListDialog {
  onSaved(): void;
  onClose(): void;
}

/** Where a list's records are created and edited: on pages of their own, or in one dialog. */
type Editor<Row> =
  /** `${route}/new` creates, `${route}/${id}` edits. */
  | { route: string }
  /**
   * One dialog creates and edits, saving to the list's collection. The draft is the dialog's own
   * business (the list only hands it on), so its type is left open here.
   */
  | { dialog: DialogEditor<Row, object> };

/** A button in each row, besides Edit and Delete, that opens a dialog on the row: Rotate, Configuration. */
interface RowDialog<Row> {
  label: string;
  dialog(row: Row, list: ListDialog): ComponentChildren;
}

/** How a list's add button and its rows' dialogs work. */
export interface Adding<Row> {
  /** The add button's text, e.g. "New access key". */
  createLabel: string;
  /** Where records are created and edited; it gives each row an Edit action. */
  editor?: Editor<Row>;
  /** What the add button opens where there is no editor (a key is created, never edited). */
  create?(list: ListDialog): ComponentChildren;
  actions?: ReadonlyArray<RowDialog<Row>>;
}

interface Editing<Row> {
  /** Opens the editor (or the create dialog) on a new record. */
  create(): void;
  /** The rows' actions before Delete: Edit, where there is an editor, then the page's own. */
  actions: Array<RowActionSpec<Row>>;
  /** The dialog open now, if any. */
  dialog: ComponentChildren;
}

/**
 * Opens a list's editor and dialogs, for a new record or for a row; `reload` is what a save does.
 * Only which button opened what is kept: the dialog is drawn from the page's current props, so it
 * sees data that loads while it is open (a key's configurations).
 */
export function useEditing<Row extends Listed>(
  adding: Adding<Row>,
  collection: CollectionRef<Row>,
  reload: () => void,
): Editing<Row> {
  // Which button opened the dialog shown now (`null` while none is), and on which row.
  const [shown, show] = useState<{ label: string; row: Row | undefined } | null>(null);
  const { editor, actions = [] } = adding;
  const paged = editor && 'route' in editor ? editor : undefined;
  const dialogEditor = editor && 'dialog' in editor ? editor.dialog : undefined;
  const recordDialog =
    dialogEditor &&
    ((record: Row | undefined, list: ListDialog) => (
      <RecordDialog editor={dialogEditor} collection={collection} record={record} {...list} />
    ));
  const dialogs = recordDialog ? [{ label: 'Edit', dialog: recordDialog }, ...actions] : actions;
  const createDialog = recordDialog ? (list: ListDialog) => recordDialog(undefined, list) : adding.create;
  const list: ListDialog = { onSaved: reload, onClose: () => show(null) };
  return {
    create: paged
      ? () => navigate(`${paged.route}/new`)
      : () => show({ label: adding.createLabel, row: undefined }),
    actions: [
      ...(paged ? [{ label: 'Edit', run: (row: Row) => navigate(`${paged.route}/${row.id}`) }] : []),
      ...dialogs.map(({ label }) => ({ label, run: (row: Row) => show({ label, row }) })),
    ],
    dialog:
      shown &&
      (shown.row === undefined
        ? createDialog?.(list)
        : dialogs.find((entry) => entry.label === shown.label)?.dialog(shown.row, list)),
  };
}
