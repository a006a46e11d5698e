import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { Collection } from '../lib/use-collection';
import { PageHeader } from './page-header';
import { PrimaryButton } from './primary-button';
import { type Editor, useEditing } from './resource-editing';
import { ResourceTable, type ResourceTableProps, type RowActionSpec } from './resource-table';
import { Async } from './states';

interface ResourceListProps<Row extends { id: string }>
  extends Omit<ResourceTableProps<Row>, 'rows' | 'collection' | 'onDeleted'> {
  /** The rows' collection: loaded again after a failure (Try again) and after a deletion. */
  collection: Collection<Row>;
}

/** One resource's list once it loads: its loading and error states, then its table. */
export function ResourceList<Row extends { id: string }>({ collection, ...table }: ResourceListProps<Row>) {
  return (
    <Async resource={collection.resource} onRetry={collection.reload}>
      {(rows) => (
        <ResourceTable {...table} rows={rows} collection={collection.path} onDeleted={collection.reload} />
      )}
    </Async>
  );
}

/** How a list's add button and its editor work. */
interface Adding<Row> {
  /** The add button's text, e.g. "New access key". */
  createLabel: string;
  /** Where records are created and edited; it gives each row an Edit action. */
  editor?: Editor<Row>;
  /** What the add button opens where there is no editor (a key is created, never edited). */
  onCreate?: () => void;
  /** The list's other dialogs, shown while open. */
  children?: ComponentChildren;
}

interface ListActions<Row> {
  actions?: ReadonlyArray<RowActionSpec<Row>>;
}

/** The list with its editor: the add button's action, the rows' Edit action, the open dialog. */
function useListEditing<Row extends { id: string }>({
  editor,
  onCreate,
  actions = [],
}: Adding<Row> & ListActions<Row>) {
  const editing = useEditing(editor);
  return {
    create: onCreate ?? editing.create,
    actions: [...editing.actions, ...actions],
    dialog: editing.dialog,
  };
}

interface ResourcePageProps<Row extends { id: string }> extends ResourceListProps<Row>, Adding<Row> {
  title: string;
  description: ComponentChildren;
}

/** A page that is one resource's list: its header with the button that adds one, the list, its dialogs. */
export function ResourcePage<Row extends { id: string }>(props: ResourcePageProps<Row>) {
  const { title, description, createLabel, editor, onCreate, children, ...list } = props;
  const editing = useListEditing(props);
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={<PrimaryButton onClick={editing.create}>{createLabel}</PrimaryButton>}
      />
      <ResourceList {...list} actions={editing.actions} />
      {editing.dialog}
      {children}
    </>
  );
}

interface ResourceSectionProps<Row extends { id: string }> extends ResourceListProps<Row>, Adding<Row> {
  title: string;
}

/** The same as a section of a page that shows more than the one list (Providers, Settings). */
export function ResourceSection<Row extends { id: string }>(props: ResourceSectionProps<Row>) {
  const { title, createLabel, editor, onCreate, children, ...list } = props;
  const editing = useListEditing(props);
  const titleId = useId();
  return (
    <section class="section" aria-labelledby={titleId}>
      <div class="section-header">
        <h2 id={titleId}>{title}</h2>
        <PrimaryButton onClick={editing.create}>{createLabel}</PrimaryButton>
      </div>
      <ResourceList {...list} actions={editing.actions} />
      {editing.dialog}
      {children}
    </section>
  );
}
