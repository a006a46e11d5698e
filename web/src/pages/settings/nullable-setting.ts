/**
 * `/gateway-config` takes `null` for "the default" or "no cap"; the forms show that as an empty field.
 * Other text goes as typed, so a bad value reaches the API and its message names the field.
 */

/** A setting's value as the form shows it: empty where it is not set. */
export function textOf(value: string | number | null | undefined): string {
  return value?.toString() ?? '';
}

/** A duration such as "60s", or null where the field is empty. */
export function durationOf(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

/** A count such as a token cap, or null where the field is empty. */
export function countOf(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}
