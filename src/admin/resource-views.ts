import type { Page } from '../store/paging.js';

/** What every admin route knows about its caller and where it is served. */
export interface AdminCaller {
  accountId: string;
  apiKeyId: string;
  isOperator: boolean;
  /** `http://host:port` as the client reached us, for `uri` fields. */
  baseUrl: string;
}

export function ref(caller: AdminCaller, collection: string, id: string) {
  return { id, uri: `${caller.baseUrl}/${collection}/${id}` };
}

/** Optional string columns are omitted from responses when empty, as the reference's schema types them. */
export function optionalFields(fields: Record<string, string | null>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null) present[name] = value;
  return present;
}

/** Who made a resource: `created_by` holds an API key id (or the key's own id for the bootstrap key). */
export function auditRefs(caller: AdminCaller, row: { created_by: string; last_updated_by: string }) {
  return {
    createdBy: ref(caller, 'api-keys', row.created_by),
    lastUpdatedBy: ref(caller, 'api-keys', row.last_updated_by),
  };
}

/** The reference's list envelope: `{<name>: [...], uri, nextPageUri}`. */
export function listEnvelope<Row extends { id: string }, View>(
  caller: AdminCaller,
  path: string,
  envelopeName: string,
  page: Page<Row>,
  limit: number,
  view: (row: Row) => View,
  extraQuery: Record<string, string | undefined> = {},
) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(extraQuery)) if (value !== undefined) query.set(name, value);
  const self = `${caller.baseUrl}${path}${query.size > 0 ? `?${query}` : ''}`;
  let nextPageUri: string | null = null;
  if (page.nextBeforeId) {
    query.set('beforeId', page.nextBeforeId);
    query.set('limit', String(limit));
    nextPageUri = `${caller.baseUrl}${path}?${query}`;
  }
  return { [envelopeName]: page.items.map(view), uri: self, nextPageUri };
}
