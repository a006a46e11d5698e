import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import type { CollectionRef } from '../api/collections';
import { type Collection, useCollection } from '../lib/use-collection';
import { PageHeader } from './page-header';
import { PrimaryButton } from './primary-button';
import { type Adding, useEditing } from './resource-editing';
import { type Listed, ResourceTable, type ResourceView } from './resource-table';
import { Async } from './states';

/** How a page lists one resource: its title, its table, and how records are added, edited and deleted. */
export interface ResourceListing<Row extends Listed> extends ResourceView<Row>, Adding<Row> {
  collection: CollectionRef<Row>;
  title: string;
  /** Said under a page's title; a section of a page has none. */
  description?: string;
}

interface ResourceListProps<Row extends Listed> {
  listing: ResourceListing<Row>;
  /** The rows: loaded again after a failure (Try again), a save and a deletion. */
  collection: Collection<Row>;
}

/**
 * One resource's list once it loads (its loading and error states, then its table) and the dialog
 * its buttons opened; `header` is drawn above it, given what the add button does.
 */
function ResourceList<Row extends Listed>({
  listing,
  collection,
  header,
}: ResourceListProps<Row> & { header(create: () => void): ComponentChildren }) {
  const editing = useEditing(listing, listing.collection, collection.reload);
  return (
    <>
      {header(editing.create)}
      <Async resource={collection.resource} onRetry={collection.reload}>
        {(rows) => (
          <ResourceTable
            view={listing}
            rows={rows}
            collection={collection.path}
            actions={editing.actions}
            onDeleted={collection.reload}
          />
        )}
      </Async>
      {editing.dialog}
    </>
  );
}

/** A page that is one resource's list: its header with the button that adds one, the list, its dialogs. */
export function ResourcePage<Row extends Listed>({ listing }: { listing: ResourceListing<Row> }) {
  const collection = useCollection(listing.collection);
  const { title, description, createLabel } = listing;
  return (
    <ResourceList
      listing={listing}
      collection={collection}
      header={(create) => (
        <PageHeader
          title={title}
          description={description}
          actions={<PrimaryButton onClick={create}>{createLabel}</PrimaryButton>}
        />
      )}
    />
  );
}

/** The same as a section of a page that shows more than the one list (Providers, Settings). */
export function ResourceSection<Row extends Listed>({ listing }: { listing: ResourceListing<Row> }) {
  const collection = useCollection(listing.collection);
  const titleId = useId();
  return (
    <section class="section" aria-labelledby={titleId}>
      <ResourceList
        listing={listing}
        collection={collection}
        header={(create) => (
          <div class="section-header">
            <h2 id={titleId}>{listing.title}</h2>
            <PrimaryButton onClick={create}>{listing.createLabel}</PrimaryButton>
          </div>
        )}
      />
    </section>
  );
}
