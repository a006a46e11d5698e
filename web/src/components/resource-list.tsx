import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { Collection } from '../lib/use-collection';
import { PageHeader } from './page-header';
import { PrimaryButton } from './primary-button';
import { ResourceTable, type ResourceTableProps } from './resource-table';
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

/** What a list offers to add: the button's text and what it opens. */
export interface Creation {
  label: string;
  run(): void;
}

interface ResourcePageProps<Row extends { id: string }> extends ResourceListProps<Row> {
  title: string;
  description: ComponentChildren;
  create: Creation;
  /** The page's dialogs (new, edit…), shown while open. */
  children?: ComponentChildren;
}

/** A page that is one resource's list: its header with the button that adds one, the list, its dialogs. */
export function ResourcePage<Row extends { id: string }>({
  title,
  description,
  create,
  children,
  ...list
}: ResourcePageProps<Row>) {
  return (
    <>
      <PageHeader
        title={title}
        description={description}
        actions={<PrimaryButton onClick={create.run}>{create.label}</PrimaryButton>}
      />
      <ResourceList {...list} />
      {children}
    </>
  );
}

interface ResourceSectionProps<Row extends { id: string }> extends ResourceListProps<Row> {
  title: string;
  create: Creation;
  children?: ComponentChildren;
}

/** The same as a section of a page that shows more than the one list (Providers, Settings). */
export function ResourceSection<Row extends { id: string }>({
  title,
  create,
  children,
  ...list
}: ResourceSectionProps<Row>) {
  const titleId = useId();
  return (
    <section class="section" aria-labelledby={titleId}>
      <div class="section-header">
        <h2 id={titleId}>{title}</h2>
        <PrimaryButton onClick={create.run}>{create.label}</PrimaryButton>
      </div>
      <ResourceList {...list} />
      {children}
    </section>
  );
}
