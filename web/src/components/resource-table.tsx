import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { DeleteDialog } from './delete-dialog';
import { RowAction } from './row-action';
import { type Column, Table } from './table';

/** A button in each row besides Delete: Edit, Rotate, Configuration. */
export interface RowActionSpec<Row> {
  label: string;
  run(row: Row): void;
}

/** How a row is deleted: the button's and the dialog's words. */
export interface Deletion<Row> {
  /** The row button's text: Delete, Revoke. */
  label: string;
  title: string;
  confirmLabel: string;
  /**
   * What follows from the deletion, said after "Delete <row>?" (e.g. "Requests that name it will
   * fail."), or the dialog's whole text where it says more about the row.
   */
  describe: string | ((row: Row) => ComponentChildren);
}

/** A deletion in one line: `[row button, dialog title, confirm button]`, then the words. */
export function deletionOf<Row>(
  [label, title, confirmLabel]: [string, string, string],
  describe: Deletion<Row>['describe'],
): Deletion<Row> {
  return { label, title, confirmLabel, describe };
}

export interface ResourceTableProps<Row extends { id: string }> {
  rows: readonly Row[];
  /** Where the rows live (`/provider-keys`): a row is deleted at `${collection}/${id}`. */
  collection: string;
  /** The data columns; the hidden Actions column is added. */
  columns: ReadonlyArray<string | Column>;
  empty: ComponentChildren;
  /** The row's data cells (`<td>`s), before its actions. */
  cells(row: Row): ComponentChildren;
  /** The row's name for screen readers: "Delete production". */
  subject(row: Row): string;
  actions?: ReadonlyArray<RowActionSpec<Row>>;
  deletion: Deletion<Row>;
  /** Refreshes the list once a record is gone. */
  onDeleted(): void;
}

/**
 * The list of one resource, as every page shows it: a table with the resource's cells, a row of
 * actions ending in Delete, and the confirmation that deletes.
 */
export function ResourceTable<Row extends { id: string }>(props: ResourceTableProps<Row>) {
  const { deletion } = props;
  const [deleting, setDeleting] = useState<Row | null>(null);
  return (
    <>
      <Table
        columns={[...props.columns, { label: 'Actions', hidden: true }]}
        rows={props.rows}
        empty={props.empty}
      >
        {(row) => (
          <tr key={row.id}>
            {props.cells(row)}
            <td class="row-actions">
              {props.actions?.map((action) => (
                <RowAction key={action.label} subject={props.subject(row)} onClick={() => action.run(row)}>
                  {action.label}
                </RowAction>
              ))}
              <RowAction subject={props.subject(row)} danger onClick={() => setDeleting(row)}>
                {deletion.label}
              </RowAction>
            </td>
          </tr>
        )}
      </Table>
      {deleting && (
        <DeleteDialog
          title={deletion.title}
          confirmLabel={deletion.confirmLabel}
          collection={props.collection}
          id={deleting.id}
          onDeleted={props.onDeleted}
          onClose={() => setDeleting(null)}
        >
          {typeof deletion.describe === 'string' ? (
            <p>
              {deletion.label} <strong>{props.subject(deleting)}</strong>? {deletion.describe}
            </p>
          ) : (
            deletion.describe(deleting)
          )}
        </DeleteDialog>
      )}
    </>
  );
}
