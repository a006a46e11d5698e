import type { ComponentChildren } from 'preact';
import { Field } from './field';

interface LinesFieldProps {
  label: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
}

/** A list typed one entry per line (model ids): monospace, so ids read exactly as the API takes them. */
export function LinesField({ label, hint, error, value, onChange }: LinesFieldProps) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <textarea
          {...control}
          class="mono"
          rows={4}
          value={value}
          onInput={(event) => onChange(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}
