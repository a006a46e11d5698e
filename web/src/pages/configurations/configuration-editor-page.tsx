import { api, listAll } from '../../api/client';
import type { Configuration, FirewallPolicy, ProviderKey } from '../../api/types';
import { Link } from '../../components/link';
import { BasicsSection, EditorForm, EditorPage } from '../../components/resource-editor';
import { SelectField } from '../../components/select-field';
import { loadProviderChoices, type ProviderChoice } from '../../lib/provider-choices';
import { saveResource } from '../../lib/save-resource';
import { useForm } from '../../lib/use-form';
import { useResource } from '../../lib/use-resource';
import { draftFrom, writeOf } from './configuration-draft';
import { LimitsFields } from './limits-fields';
import { RouterFields } from './router-fields';
import { ScopeFields } from './scope-fields';

interface EditorData {
  configuration: Configuration | undefined;
  providers: ProviderChoice[];
  providerKeys: ProviderKey[];
  firewallPolicies: FirewallPolicy[];
}

async function loadEditor(id: string | undefined): Promise<EditorData> {
  const [configuration, choices, providerKeys, firewallPolicies] = await Promise.all([
    id
      ? api.get<Configuration>(`/access-key-configurations/${encodeURIComponent(id)}`)
      : Promise.resolve(undefined),
    loadProviderChoices(),
    listAll<ProviderKey>('/provider-keys', 'aiGatewayProviderKeys'),
    listAll<FirewallPolicy>('/firewall-policies', 'firewallPolicies'),
  ]);
  return { configuration, providers: choices.providers, providerKeys, firewallPolicies };
}

const configurationsList = { route: 'configurations', label: 'All configurations' };

/** Create (`id` undefined) or edit one configuration: scope, router rules and limits. */
export function ConfigurationEditorPage({ id }: { id: string | undefined }) {
  const [resource, reload] = useResource(() => loadEditor(id), [id]);
  return (
    <EditorPage
      title={id ? 'Edit configuration' : 'New configuration'}
      list={configurationsList}
      resource={resource}
      onRetry={reload}
    >
      {(data) => <ConfigurationForm key={data.configuration?.id ?? 'new'} data={data} />}
    </EditorPage>
  );
}

function ConfigurationForm({ data }: { data: EditorData }) {
  const id = data.configuration?.id;
  const form = useForm(() => draftFrom(data.configuration));
  return (
    <EditorForm
      form={form}
      list={configurationsList}
      submitLabel={id ? 'Save changes' : 'Create configuration'}
      onSave={() => saveResource('/access-key-configurations', id, writeOf(form.values, id !== undefined))}
    >
      <BasicsSection name={form.field('name')} description={form.field('description')}>
        <SelectField
          label="Firewall policy"
          hint={<Link route="firewall">Screens the tools and tool calls of this configuration's keys.</Link>}
          choices={[
            { value: '', label: 'None' },
            ...data.firewallPolicies.map((policy) => ({ value: policy.id, label: policy.name })),
          ]}
          {...form.field('firewallPolicyId')}
        />
      </BasicsSection>
      <ScopeFields form={form} providers={data.providers} />
      <RouterFields form={form} providers={data.providers} providerKeys={data.providerKeys} />
      <LimitsFields form={form} />
    </EditorForm>
  );
}
