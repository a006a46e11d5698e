import type { ComponentChildren } from 'preact';
import type { Configuration } from '../../api/types';
import { Field } from '../../components/field';

interface ConfigurationFieldProps {
  configurations: Configuration[];
  value: string;
  hint?: ComponentChildren;
  error?: string | undefined;
  onChange(value: string): void;
}

/** Picks an access key's configuration; `''` stands for none: the key may use every provider and model. */
export function ConfigurationField({
  configurations,
  value,
  hint,
  error,
  onChange,
}: ConfigurationFieldProps) {
  return (
    <Field label="Configuration" hint={hint} error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
          <option value="">None (allow all providers and models)</option>
          {configurations.map((configuration) => (
            <option key={configuration.id} value={configuration.id}>
              {configuration.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
