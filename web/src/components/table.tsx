import type { ComponentChildren, VNode } from 'preact';

export interface Column {
  label: string;
  /** Right-aligned, for amounts and counts. */
  numeric?: boolean;
  /** Read out by screen readers only, e.g. "Actions" over a column of buttons. */
  hidden?: boolean;
}

interface TableProps<T> {
  columns: ReadonlyArray<string | Column>;
  rows: readonly T[];
  /** Shown instead of the table when there are no rows; without it an empty table shows. */
  empty?: ComponentChildren;
  /** One <tr> per row, keyed by the caller. */
  children(row: T): VNode;
}

function Heading({ column }: { column: string | Column }) {
  const { label, numeric = false, hidden = false } = typeof column === 'string' ? { label: column } : column;
  return (
    <th scope="col" class={numeric ? 'numeric' : undefined}>
      {hidden ? <span class="visually-hidden">{label}</span> : label}
    </th>
  );
}

/** A list of records, with its empty state, laid out the same way on every page. */
export function Table<T>({ columns, rows, empty, children }: TableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <table class="table">
      <thead>
        <tr>
          {columns.map((column) => (
            <Heading key={typeof column === 'string' ? column : column.label} column={column} />
          ))}
        </tr>
      </thead>
      <tbody>{rows.map(children)}</tbody>
    </table>
  );
}
