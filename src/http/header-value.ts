/** Anything but visible ASCII and space: Node refuses CR/LF and most control characters in a header. */
const unsafe = /[^\x20-\x7e]/;
const unsafeAll = /[^\x20-\x7e]/g;

/**
 * A value Node will send as a header and every client can read: characters outside visible
 * ASCII become `?`, and a value longer than `max` is cut, ending in `...`.
 * The usual value is short and clean, so the common path is one regex test.
 */
export function safeHeaderValue(value: string, max: number): string {
  const clean = unsafe.test(value) ? value.replace(unsafeAll, '?') : value;
  return clean.length > max ? `${clean.slice(0, max - 3)}...` : clean;
}

/**
 * A list for one header, `a, b, c`, cut at whole entries when it would exceed `max`:
 * `a, b (+3 more)`. Each entry is made safe first.
 */
export function safeHeaderList(values: readonly string[], max: number): string {
  if (values.length === 0) return '';
  let out = '';
  for (const [index, value] of values.entries()) {
    const entry = safeHeaderValue(value, max);
    const next = out === '' ? entry : `${out}, ${entry}`;
    const rest = values.length - index;
    // Room is kept for the "(+N more)" note whenever entries are left out.
    if (next.length > max - (rest > 1 ? 16 : 0)) {
      const shown = out === '' ? '' : `${out} `;
      return `${shown}(+${rest} more)`;
    }
    out = next;
  }
  return out;
}
