import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { DeleteDialog } from './delete-dialog';
import { RowAction } from './row-action';
import { Empty } from './states';
import { Table } from './table';

/** A column of a resource's table: its heading, and what each row shows under it. */
export interface ResourceColumn<Row> {
  header: string;
  /** The cells' class, e.g. `mono` for keys and ids. */
  class?: string;
  cell(row: Row): ComponentChildren;
}

/** What the page says while there are no records: a title, and what to do about it. */
interface EmptyState {
  title: string;
  text?: ComponentChildren;
}

/** A button in each row besides Delete: Edit, Rotate, Configuration. */
export interface RowActionSpec<Row> {
  label: string;
  run(row: Row): void;
}

/** How a row is deleted: the button's and the dialog's words. */
export interface Deletion<Row> {
  /** The row button's text: Delete unless said otherwise (Revoke). */
  label?: string;
  title: string;
  confirmLabel: string;
  /**
   * What follows from the deletion, said after "Delete <row>?" (e.g. "Requests that name it will
   * fail."), or the dialog's whole text where it says more about the row.
   */
  describe: string | ((row: Row) => ComponentChildren);
}

/** A record as a list shows it: its id, and the name it goes by unless the page says otherwise. */
export interface Listed {
  id: string;
  name?: string | null | undefined;
}

/** How a resource's table shows its rows, and what they are called. */
export interface ResourceView<Row extends Listed> {
  /** The data columns; the hidden Actions column is added. */
  columns: ReadonlyArray<ResourceColumn<Row>>;
  empty: EmptyState;
  /** The row's name for screen readers ("Delete production"): its `name` unless it may have none. */
  subject?(row: Row): string;
  deletion: Deletion<Row>;
}

interface ResourceTableProps<Row extends Listed> {
  view: ResourceView<Row>;
  rows: readonly Row[];
  /** Where the rows live (`/provider-keys`): a row is deleted at `${collection}/${id}`. */
  collection: string;
  actions?: ReadonlyArray<RowActionSpec<Row>>;
  /** Refreshes the list once a record is gone. */
  onDeleted(): void;
}

/**
 * The list of one resource, as every page shows it: a table with the resource's cells, a row of
 * actions ending in Delete, and the confirmation that deletes.
 */
export function ResourceTable<Row extends Listed>(props: ResourceTableProps<Row>) {
  const { columns, empty, subject = (row: Row) => row.name ?? row.id, deletion } = props.view;
  const deleteLabel = deletion.label ?? 'Delete';
  const [deleting, setDeleting] = useState<Row | null>(null);
  return (
    <>
      <Table
        columns={[...columns.map((column) => column.header), { label: 'Actions', hidden: true }]}
        rows={props.rows}
        empty={<Empty title={empty.title}>{empty.text && <p>{empty.text}</p>}</Empty>}
      >
        {(row) => (
          <tr key={row.id}>
            {columns.map((column) => (
              <td key={column.header} class={column.class}>
                {column.cell(row)}
              </td>
            ))}
            <td class="row-actions">
              {props.actions?.map((action) => (
                <RowAction key={action.label} subject={subject(row)} onClick={() => action.run(row)}>
                  {action.label}
                </RowAction>
              ))}
              <RowAction subject={subject(row)} danger onClick={() => setDeleting(row)}>
                {deleteLabel}
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
              {deleteLabel} <strong>{subject(deleting)}</strong>? {deletion.describe}
            </p>
          ) : (
            deletion.describe(deleting)
          )}
        </DeleteDialog>
      )}
    </>
  );
}
