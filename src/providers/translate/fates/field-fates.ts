import { TollgateError } from '../../../errors/tollgate-error.js';

/**
 * What a translation does with one top-level request field:
 * - `mapped`: the target receives its equivalent (or it needs none, e.g. `n: 1`); cases that
 *   cannot be mapped are refused or removed by the translator itself, as the note says;
 * - `removed`: the target has no equivalent and the answer means the same without it; the
 *   field is named in `Tollgate-Removed-Params`;
 * - `refused`: without it the answer would mean something else; 400 naming the field.
 */
export type Fate = 'mapped' | 'removed' | 'refused';

export interface FieldFate {
  fate: Fate;
  /** How, for the docs table (docs/translation.md). */
  note: string;
}

export type FieldFates = Readonly<Record<string, FieldFate>>;

/**
 * Applies a table's `removed` and `refused` fates to a client body: refused fields throw,
 * removed ones (and fields the table does not know, so that a field added to an API is never
 * dropped in silence) are appended to `removed`. `null` means "not set" in both APIs, and `false`
 * turns off what a field would ask for.
 */
export function accountForFields(body: Record<string, unknown>, fates: FieldFates, removed: string[]): void {
  for (const field of Object.keys(body)) {
    // `false` asks for nothing (`logprobs: false`, `store: false`, `background: false`).
    const value = body[field];
    if (value === null || value === undefined || value === false) continue;
    const fate = fates[field];
    if (fate === undefined || fate.fate === 'removed') removed.push(field);
    else if (fate.fate === 'refused') throw refusedField(field, fate.note);
  }
}

/** The 400 for a field the target cannot honour. */
export function refusedField(field: string, why: string): TollgateError {
  return new TollgateError(
    'invalid_request_body',
    `"${field}" cannot be honoured by this model through translation: ${why}`,
    { param: field },
  );
}
