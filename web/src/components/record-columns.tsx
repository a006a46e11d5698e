import type { ComponentChildren } from 'preact';
import { formatDateTime } from '../lib/format';
import { Link } from './link';
import type { RecordPages } from './record-pages';
import type { ResourceColumn } from './resource-table';

interface Described {
  id: string;
  name: string;
  description?: string | undefined;
}

/** A record's name in its list's first column, with its description (if any) under it. */
export function RecordName({ record, children }: { record: Described; children: ComponentChildren }) {
  return (
    <>
      {children}
      {record.description && <div class="muted small">{record.description}</div>}
    </>
  );
}

/** The Name column of records edited on pages of their own: the name links to the record's editor. */
export function editorLinkColumn<Row extends Described>(pages: RecordPages<Row>): ResourceColumn<Row> {
  return {
    header: 'Name',
    cell: (row) => (
      <RecordName record={row}>
        <Link route={`${pages.route}/${row.id}`}>{row.name}</Link>
      </RecordName>
    ),
  };
}

/** When each record last changed. */
export function updatedColumn<Row extends { updatedAt: string }>(): ResourceColumn<Row> {
  return { header: 'Updated', cell: (row) => formatDateTime(row.updatedAt) };
}
