import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { GatewayConfig } from '../../api/types';
import { Checkbox } from '../../components/checkbox';
import { FormSection } from '../../components/form-section';
import { NumberField } from '../../components/number-field';
import { Async } from '../../components/states';
import { TextField } from '../../components/text-field';
import { type Form, useForm } from '../../lib/use-form';
import { useResource } from '../../lib/use-resource';
import {
  type GatewaySettingName,
  gatewaySettings,
  type SettingsDraft,
  settingsDraftOf,
  settingsWriteOf,
} from './gateway-settings';
import { SettingsForm } from './settings-form';

interface GatewayConfigCardProps {
  title: string;
  submitLabel: string;
  /** The settings this card edits, in order: a name takes the whole width, a list of names sits side by side. */
  rows: ReadonlyArray<GatewaySettingName | readonly GatewaySettingName[]>;
}

/** A Settings card that edits some of `/gateway-config`: it loads the settings and saves its own. */
export function GatewayConfigCard({ title, ...card }: GatewayConfigCardProps) {
  const [resource, reload] = useResource(() => api.get<GatewayConfig>('/gateway-config'), []);
  return (
    <FormSection title={title}>
      <Async resource={resource} onRetry={reload}>
        {(config) => <GatewayConfigForm {...card} config={config} onSaved={reload} />}
      </Async>
    </FormSection>
  );
}

interface GatewayConfigFormProps extends Omit<GatewayConfigCardProps, 'title'> {
  config: GatewayConfig;
  onSaved(): void;
}

function GatewayConfigForm({ submitLabel, rows, config, onSaved }: GatewayConfigFormProps) {
  const names = rows.flat();
  const form = useForm(() => settingsDraftOf(config, names));
  return (
    <SettingsForm
      form={form}
      submitLabel={submitLabel}
      onSubmit={async () => {
        await api.patch('/gateway-config', settingsWriteOf(form.values, names));
        onSaved();
      }}
    >
      {rows.map((row) =>
        typeof row === 'string' ? (
          <SettingInput key={row} name={row} form={form} />
        ) : (
          <div key={row.join()} class="field-row">
            {row.map((name) => (
              <SettingInput key={name} name={name} form={form} />
            ))}
          </div>
        ),
      )}
    </SettingsForm>
  );
}

/** One setting's input, as its description says: a checkbox, a duration or a count. */
function SettingInput({ name, form }: { name: GatewaySettingName; form: Form<SettingsDraft> }) {
  const { kind, label, hint } = gatewaySettings[name];
  const value = form.values[name];
  if (kind === 'flag') {
    return (
      <>
        <Checkbox checked={value === true} onChange={(checked) => form.change({ [name]: checked })}>
          {label}
        </Checkbox>
        <p class="field-hint">{hint}</p>
      </>
    );
  }
  const field = {
    label,
    hint,
    error: errorAt(form.fieldErrors, name),
    value: String(value ?? ''),
    onChange: (text: string) => form.change({ [name]: text }),
  };
  return kind === 'duration' ? <TextField class="mono" {...field} /> : <NumberField {...field} />;
}
