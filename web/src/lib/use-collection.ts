import { type CollectionRef, listOf } from '../api/collections';
import { type Resource, useResource } from './use-resource';

/** One collection of the admin API as a page shows it: where it lives, its records once loaded, and a reload. */
export interface Collection<Row> {
  /** The collection's path, e.g. `/provider-keys`; a record is `${path}/${id}`. */
  path: string;
  resource: Resource<readonly Row[]>;
  reload(): void;
}

/** Loads every record of a collection (one of `collections`). */
export function useCollection<Row>(collection: CollectionRef<Row>): Collection<Row> {
  const [resource, reload] = useResource(() => listOf(collection), [collection.path, collection.envelope]);
  return { path: collection.path, resource, reload };
}

/** A collection's records once loaded, and none until then (or if they cannot be read). */
export function loadedRows<Row>(collection: Collection<Row>): readonly Row[] {
  return collection.resource.status === 'ready' ? collection.resource.data : [];
}
