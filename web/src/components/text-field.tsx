import type { ComponentChildren, InputHTMLAttributes } from 'preact';
import { Field } from './field';

/** What a caller may set on the input; the field owns its id, value and the aria wiring to hint and error. */
export type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'value' | 'onInput' | 'onChange' | 'aria-invalid' | 'aria-describedby'
>;

export interface TextFieldProps extends InputAttributes {
  label: string;
  hint?: ComponentChildren;
  /** The API's message for this field. */
  error?: string | undefined;
  value: string;
  /** Called on every keystroke (the input event), not only when the field loses focus. */
  onChange(value: string): void;
}

/** A labelled single-line input whose text the form keeps as typed. */
export function TextField({ label, hint, error, value, onChange, ...input }: TextFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...input}
          {...control}
          value={value}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
