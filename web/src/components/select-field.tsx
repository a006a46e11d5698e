import type { ComponentChildren } from 'preact';
import { Field } from './field';

export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** A record offered by its name, with its id to tell apart two of the same name: "Production (acct_1)". */
export function namedChoice({ id, name }: { id: string; name: string }): Choice<string> {
  return { value: id, label: `${name} (${id})` };
}

interface SelectFieldProps<T extends string> {
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: T;
  choices: ReadonlyArray<Choice<T>>;
  /**
   * The label of an empty first choice (value `''`), e.g. "Choose a provider key…", for a choice of
   * records, which may also name one that is gone: that one is then offered as it is.
   */
  blank?: string;
  onChange(value: NoInfer<T>): void;
}

/** A labelled drop-down over a fixed list of choices. */
export function SelectField<T extends string>({
  label,
  hint,
  error,
  value,
  choices,
  blank,
  onChange,
}: SelectFieldProps<T>) {
  // A record that is not among the choices (a key since deleted) still shows, so the API's message about it makes sense.
  const gone = blank !== undefined && value !== '' && !choices.some((choice) => choice.value === value);
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        // The options are `choices`, the blank one and the current value, so the selected value is always a T.
        <select {...control} value={value} onChange={(event) => onChange(event.currentTarget.value as T)}>
          {blank !== undefined && <option value="">{blank}</option>}
          {gone && <option value={value}>{value}</option>}
          {choices.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
