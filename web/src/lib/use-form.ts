import { useState } from 'preact/hooks';
import { errorUnder } from '../api/field-errors';
import { type Submission, useSubmit } from './use-submit';

/** What a field needs from its form: the value as typed, how to change it, and the API's message for it. */
export interface BoundField<V> {
  value: V;
  onChange(value: V): void;
  error: string | undefined;
}

export interface Form<T> extends Submission {
  /** The draft as typed; it survives a failed submit. */
  values: T;
  change(patch: Partial<T>): void;
  /**
   * Binds one field to the draft: `<TextField label="Name" {...form.field('name')} />`. Its error is
   * the API's first message for `path` (the key unless the API names it otherwise) or anything inside
   * it, so a list typed in one input shows a message about any of its entries.
   */
  field<K extends keyof T & string>(key: K, path?: string): BoundField<T[K]>;
}

/** One form's draft and its submission: every field reads, writes and shows its error through it. */
export function useForm<T extends object>(initial: T | (() => T)): Form<T> {
  const [values, setValues] = useState<T>(initial);
  const submission = useSubmit();
  const change = (patch: Partial<T>) => setValues((current) => ({ ...current, ...patch }));
  return {
    ...submission,
    values,
    change,
    field: (key, path = key) => ({
      value: values[key],
      onChange: (value) => setValues((current) => ({ ...current, [key]: value })),
      error: errorUnder(submission.fieldErrors, path),
    }),
  };
}
