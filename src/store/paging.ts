/** `beforeId` + `limit` paging over time-sortable ids, newest first, as the reference's API does. */
export interface PageRequest {
  beforeId?: string | undefined;
  limit: number;
}

export interface Page<T> {
  items: T[];
  /** The id to pass as `beforeId` for the next page, or undefined when this is the last. */
  nextBeforeId: string | undefined;
}

/** Callers fetch `limit + 1` rows; the extra row only tells whether another page exists. */
export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextBeforeId: rows.length > limit && last ? last.id : undefined };
}

export function nowIso(): string {
  return new Date().toISOString();
}
