import type { ComponentChildren } from 'preact';
import { api } from '../../api/client';
import type { GatewayConfig } from '../../api/types';
import { Async } from '../../components/states';
import { type Form, useForm } from '../../lib/use-form';
import { useResource } from '../../lib/use-resource';
import { SettingsForm } from './settings-form';

interface GatewayConfigCardProps<Draft> {
  /** The card's heading, and the id that names the section by it. */
  title: string;
  titleId: string;
  submitLabel: string;
  /** The form's draft of the settings this card edits. */
  draftOf(config: GatewayConfig): Draft;
  /** The PATCH body for those settings. */
  writeOf(draft: Draft): Record<string, string | number | boolean | null>;
  children(form: Form<Draft>): ComponentChildren;
}

/** A Settings card that edits some of `/gateway-config`: it loads the settings and saves its own. */
export function GatewayConfigCard<Draft extends object>({
  title,
  titleId,
  ...form
}: GatewayConfigCardProps<Draft>) {
  const [resource, reload] = useResource(() => api.get<GatewayConfig>('/gateway-config'), []);
  return (
    <section class="card form-section" aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      <Async resource={resource} onRetry={reload}>
        {(config) => <GatewayConfigForm {...form} config={config} onSaved={reload} />}
      </Async>
    </section>
  );
}

interface GatewayConfigFormProps<Draft> extends Omit<GatewayConfigCardProps<Draft>, 'title' | 'titleId'> {
  config: GatewayConfig;
  onSaved(): void;
}

function GatewayConfigForm<Draft extends object>(props: GatewayConfigFormProps<Draft>) {
  const form = useForm(() => props.draftOf(props.config));
  return (
    <SettingsForm
      form={form}
      submitLabel={props.submitLabel}
      onSubmit={async () => {
        await api.patch('/gateway-config', props.writeOf(form.values));
        props.onSaved();
      }}
    >
      {props.children(form)}
    </SettingsForm>
  );
}
