import { listAll } from '../api/client';
import { type Resource, useResource } from './use-resource';

/** One collection of the admin API as a page shows it: where it lives, its records once loaded, and a reload. */
export interface Collection<Row> {
  /** The collection's path, e.g. `/provider-keys`; a record is `${path}/${id}`. */
  path: string;
  resource: Resource<readonly Row[]>;
  reload(): void;
}

/** Loads every record of the collection at `path` (its list answers them under `envelope`). */
export function useCollection<Row>(path: string, envelope: string): Collection<Row> {
  const [resource, reload] = useResource(() => listAll<Row>(path, envelope), [path, envelope]);
  return { path, resource, reload };
}
