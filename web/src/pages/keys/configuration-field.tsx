import type { ComponentChildren } from 'preact';
import type { Configuration } from '../../api/types';
import { SelectField } from '../../components/select-field';
import type { BoundField } from '../../lib/bound-fields';

interface ConfigurationFieldProps extends BoundField<string> {
  configurations: readonly Configuration[];
  hint?: ComponentChildren;
}

/** Picks an access key's configuration; `''` stands for none: the key may use every provider and model. */
export function ConfigurationField({ configurations, ...field }: ConfigurationFieldProps) {
  const choices = configurations.map(({ id, name }) => ({ value: id, label: name }));
  return (
    <SelectField
      label="Configuration"
      blank="None (allow all providers and models)"
      choices={choices}
      {...field}
    />
  );
}
