import { useState } from 'preact/hooks';
import { type BoundFields, boundFields } from './bound-fields';
import { type Submission, useSubmit } from './use-submit';

export interface Form<T> extends Submission, BoundFields<T> {
  /** The draft as typed; it survives a failed submit. */
  values: T;
  change(patch: Partial<T>): void;
}

/** One form's draft and its submission: every field reads, writes and shows its error through it. */
export function useForm<T extends object>(initial: T | (() => T)): Form<T> {
  const [values, setValues] = useState<T>(initial);
  const submission = useSubmit();
  const change = (patch: Partial<T>) => setValues((current) => ({ ...current, ...patch }));
  return { ...submission, ...boundFields(values, change, submission.fieldErrors), values, change };
}
