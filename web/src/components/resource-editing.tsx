import type { ComponentChildren } from 'preact';
import { navigate } from '../lib/router';
import { useDialog } from '../lib/use-dialog';
import type { RowActionSpec } from './resource-table';

/** Where a list's records are created and edited: on pages of their own, or in one dialog. */
export type Editor<Row> =
  /** `${route}/new` creates, `${route}/${id}` edits. */
  | { route: string }
  /** The dialog for a new record (`undefined`) or for a row; `close` is its onClose. */
  | { dialog(record: Row | undefined, close: () => void): ComponentChildren };

interface Editing<Row> {
  /** Opens the editor on a new record. */
  create(): void;
  /** The row action that opens it on a row; none without an editor. */
  actions: Array<RowActionSpec<Row>>;
  /** The editor while it is open, where it is a dialog. */
  dialog: ComponentChildren;
}

/** Opens a list's editor, for a new record or for a row (its Edit action). */
export function useEditing<Row extends { id: string }>(editor: Editor<Row> | undefined): Editing<Row> {
  const open = useDialog<{ record: Row | undefined }>();
  if (editor === undefined) return { create: () => {}, actions: [], dialog: null };
  if ('route' in editor) {
    return {
      create: () => navigate(`${editor.route}/new`),
      actions: [{ label: 'Edit', run: (row) => navigate(`${editor.route}/${row.id}`) }],
      dialog: null,
    };
  }
  return {
    create: () => open.show({ record: undefined }),
    actions: [{ label: 'Edit', run: (row) => open.show({ record: row }) }],
    dialog: open.open && editor.dialog(open.open.record, open.close),
  };
}
