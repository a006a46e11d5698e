import type { FieldDetails } from '../api/client';
import { errorUnder } from '../api/field-errors';

/** What a field needs from its form: the value as typed, how to change it, and the API's message for it. */
export interface BoundField<V> {
  value: V;
  onChange(value: V): void;
  error: string | undefined;
}

/** What a checkbox needs from its form. */
interface BoundFlag {
  checked: boolean;
  onChange(checked: boolean): void;
}

/** The keys of a record whose values are on/off. */
type FlagKey<T> = { [K in keyof T]: T[K] extends boolean ? K : never }[keyof T] & string;

/** The inputs of one record of a form: the draft itself, or one item of a list inside it (a rule). */
export interface BoundFields<T> {
  /**
   * Binds one field: `<TextField label="Name" {...fields.field('name')} />`. Its error is the API's
   * first message for the key (or `path`, where the API names it otherwise) or anything inside it, so
   * a list typed in one input shows a message about any of its entries.
   */
  field<K extends keyof T & string>(key: K, path?: string): BoundField<T[K]>;
  /** Binds a checkbox to an on/off value: `<Checkbox {...fields.flag('enabled')}>`. */
  flag(key: FlagKey<T>): BoundFlag;
}

/**
 * Binds the inputs of `values` to `update` (which takes the changed keys) and to the API's messages.
 * `prefix` is the record's own name in those messages (`rules[2]`), empty for the draft itself.
 */
export function boundFields<T extends object>(
  values: T,
  update: (patch: Partial<T>) => void,
  errors: FieldDetails,
  prefix = '',
): BoundFields<T> {
  // Sound by construction: `field(key)` and `flag(key)` hand out setters typed by that key's value.
  const set = (key: keyof T, value: unknown) => update({ [key]: value } as Partial<T>);
  return {
    field: (key, path = prefix ? `${prefix}.${key}` : key) => ({
      value: values[key],
      onChange: (value) => set(key, value),
      error: errorUnder(errors, path),
    }),
    flag: (key) => ({ checked: values[key] === true, onChange: (checked) => set(key, checked) }),
  };
}
