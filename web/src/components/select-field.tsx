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
  onChange(value: NoInfer<T>): void;
}

/** A labelled drop-down over a fixed list of choices. */
export function SelectField<T extends string>({
  label,
  hint,
  error,
  value,
  choices,
  onChange,
}: SelectFieldProps<T>) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        // The options are exactly `choices`, so the selected value is always one of T.
        <select {...control} value={value} onChange={(event) => onChange(event.currentTarget.value as T)}>
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
