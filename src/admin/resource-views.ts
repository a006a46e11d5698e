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

/** What every resource shows first: its id and URI, when it was made and changed, and by which API key. */
export function resourceFields(
  caller: AdminCaller,
  collection: string,
  resource: { id: string; createdAt: string; updatedAt: string; createdBy: string; lastUpdatedBy: string },
) {
  return {
    ...ref(caller, collection, resource.id),
    createdAt: resource.createdAt,
    updatedAt: resource.updatedAt,
    createdBy: ref(caller, 'api-keys', resource.createdBy),
    lastUpdatedBy: ref(caller, 'api-keys', resource.lastUpdatedBy),
  };
}

/** {@link resourceFields} read from a row's columns. */
export function rowResourceFields(
  caller: AdminCaller,
  collection: string,
  row: { id: string; created_at: string; updated_at: string; created_by: string; last_updated_by: string },
) {
  return resourceFields(caller, collection, {
    id: row.id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    lastUpdatedBy: row.last_updated_by,
  });
}

/**
 * A text column read as the enum the document gives it. Its writers write only members, so a
 * stranger is a bug to see (the request fails naming the column), not a value to pass on.
 */
export function member<const Values extends readonly string[]>(
  values: Values,
  value: string,
  column: string,
): Values[number];
export function member<const Values extends readonly string[]>(
  values: Values,
  value: string | null,
  column: string,
): Values[number] | null;
export function member(values: readonly string[], value: string | null, column: string): string | null {
  if (value === null || values.includes(value)) return value;
  throw new Error(`${column} holds "${value}", which is not one of ${values.join(', ')}.`);
}

/** Optional string columns are omitted from responses when empty, as the reference's schema types them. */
export function optionalFields(fields: Record<string, string | null>): Record<string, string> {
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== null) present[name] = value;
  return present;
}

/** An absolute URI on the admin listener; query values that are undefined are left out. */
export function uriOf(
  caller: AdminCaller,
  path: string,
  query: Record<string, string | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, value);
  return `${caller.baseUrl}${path}${search.size > 0 ? `?${search}` : ''}`;
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
  const nextPageUri = page.nextBeforeId
    ? uriOf(caller, path, { ...extraQuery, beforeId: page.nextBeforeId, limit: String(limit) })
    : null;
  return { [envelopeName]: page.items.map(view), uri: uriOf(caller, path, extraQuery), nextPageUri };
}

/** What access keys and API keys show alike: ids, times, audit, labels, the redacted token, lastUsed. */
export function tokenKeyFields(
  caller: AdminCaller,
  collection: string,
  row: {
    id: string;
    created_at: string;
    updated_at: string;
    created_by: string;
    last_updated_by: string;
    key_redacted: string;
    name: string | null;
    description: string | null;
    metadata: string | null;
    last_used: string | null;
  },
) {
  return {
    ...rowResourceFields(caller, collection, row),
    keyRedacted: row.key_redacted,
    ...optionalFields({ name: row.name, description: row.description, metadata: row.metadata }),
    lastUsed: row.last_used,
  };
}
