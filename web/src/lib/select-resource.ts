import type { Resource } from './use-resource';

/** Part of a loaded resource, in the same state: the list of a page that loads more than its list. */
export function selectResource<T, U>(resource: Resource<T>, select: (data: T) => U): Resource<U> {
  return resource.status === 'ready' ? { ...resource, data: select(resource.data) } : resource;
}
