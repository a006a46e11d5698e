import type { Configuration } from '../../api/types';
import type { ControlProps } from '../../components/field';

interface ConfigurationSelectProps {
  control: ControlProps;
  configurations: Configuration[];
  value: string;
  onChange(value: string): void;
}

/** `''` stands for no configuration: the key may use every provider and model. */
export function ConfigurationSelect({ control, configurations, value, onChange }: ConfigurationSelectProps) {
  return (
    <select {...control} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      <option value="">None (allow all providers and models)</option>
      {configurations.map((configuration) => (
        <option key={configuration.id} value={configuration.id}>
          {configuration.name}
        </option>
      ))}
    </select>
  );
}
