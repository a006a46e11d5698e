/** Small JSON helpers shared by the format converters. */

export type JsonObject = { [key: string]: unknown };

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite, non-negative number, else 0. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

export function optString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** JSON.parse that returns undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `data: {...}\n\n` */
export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** `event: name\ndata: {...}\n\n` */
export function sseNamedEvent(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** Parses a tool-call argument string into an object (Anthropic requires an object); `{}` when unusable. */
export function parseToolInput(args: string | undefined | null): JsonObject {
  if (args === undefined || args === null || args.trim() === '') return {};
  const parsed = tryParseJson(args);
  return isRecord(parsed) ? parsed : {};
}

/**
 * True if `data` contains a `"<key>"` member whose value is not `null`, found without parsing.
 * A false positive only costs a JSON.parse; a string value containing the key is escaped (`\"key\"`)
 * and so never matches.
 */
export function hasNonNullMember(data: string, key: string): boolean {
  const needle = `"${key}"`;
  let from = 0;
  for (;;) {
    const at = data.indexOf(needle, from);
    if (at === -1) return false;
    let i = at + needle.length;
    while (i < data.length && isJsonSpace(data.charCodeAt(i))) i++;
    if (data.charCodeAt(i) === 58 /* : */) {
      i++;
      while (i < data.length && isJsonSpace(data.charCodeAt(i))) i++;
      if (!data.startsWith('null', i)) return true;
    }
    from = at + needle.length;
  }
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}
