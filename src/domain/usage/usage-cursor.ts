/**
 * The `/usage` page cursor: the sort key of the last event shown. Events are listed newest first
 * by `(eventTime, id)`, so the next page is everything strictly below that pair; carrying the
 * time as well as the id keeps paging exact even if ids and clocks of two instances disagree.
 */
export interface UsageCursor {
  eventTime: string;
  id: string;
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Opaque to clients: base64url of `[eventTime, id]` as JSON. */
export function encodeUsageCursor(cursor: UsageCursor): string {
  return Buffer.from(JSON.stringify([cursor.eventTime, cursor.id]), 'utf8').toString('base64url');
}

/** Undefined for anything this module did not produce (the caller reports it as invalid). */
export function decodeUsageCursor(text: string): UsageCursor | undefined {
  // Buffer's base64 decoder skips foreign characters silently; refuse them instead.
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) return undefined;
  const [eventTime, id] = parsed as unknown[];
  if (typeof eventTime !== 'string' || !isoTime.test(eventTime)) return undefined;
  if (typeof id !== 'string' || id.length === 0 || id.length > 64) return undefined;
  return { eventTime, id };
}
