import type { FieldDetails } from './client';

/**
 * The API names fields in two spellings: `router.rules[0].steps[1]` (router checks) and
 * `router.rules.0.steps.1` (schema checks). One spelling lets a form find its field's message.
 */
export function normaliseField(field: string): string {
  return field.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

export function normaliseDetails(details: FieldDetails): FieldDetails {
  const normalised: FieldDetails = {};
  for (const [field, message] of Object.entries(details)) normalised[normaliseField(field)] ??= message;
  return normalised;
}

/** The message for exactly this field. */
export function errorAt(errors: FieldDetails, field: string): string | undefined {
  return errors[field];
}

/** The first message for this field or anything inside it (for inputs that edit a whole list). */
export function errorUnder(errors: FieldDetails, field: string): string | undefined {
  for (const [name, message] of Object.entries(errors)) {
    if (name === field || name.startsWith(`${field}.`) || name.startsWith(`${field}[`)) return message;
  }
  return undefined;
}
