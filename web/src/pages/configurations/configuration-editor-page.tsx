import { useState } from 'preact/hooks';
import { api, listAll } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { Configuration, FirewallPolicy, ProviderKey } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { SelectField } from '../../components/select-field';
import { Async } from '../../components/states';
import { TextField } from '../../components/text-field';
import { loadProviderChoices, type ProviderChoice } from '../../lib/provider-choices';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { useSubmit } from '../../lib/use-submit';
import { type ConfigurationDraft, draftFrom, writeOf } from './configuration-draft';
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

/** Create (`id` undefined) or edit one configuration: scope, router rules and limits. */
export function ConfigurationEditorPage({ id }: { id: string | undefined }) {
  const [resource, reload] = useResource(() => loadEditor(id), [id]);
  return (
    <>
      <PageHeader
        title={id ? 'Edit configuration' : 'New configuration'}
        description={<Link route="configurations">← All configurations</Link>}
      />
      <Async resource={resource} onRetry={reload}>
        {(data) => (
          // Keyed by what was loaded, not the route: the form starts over once the new configuration arrives.
          <ConfigurationForm key={data.configuration?.id ?? 'new'} id={data.configuration?.id} data={data} />
        )}
      </Async>
    </>
  );
}

function ConfigurationForm({ id, data }: { id: string | undefined; data: EditorData }) {
  const [draft, setDraft] = useState<ConfigurationDraft>(() => draftFrom(data.configuration));
  const submission = useSubmit();
  const errors = submission.fieldErrors;
  const change = (patch: Partial<ConfigurationDraft>) => setDraft((current) => ({ ...current, ...patch }));
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submission.run(async () => {
          const body = writeOf(draft, id !== undefined);
          if (id) await api.patch(`/access-key-configurations/${encodeURIComponent(id)}`, body);
          else await api.post('/access-key-configurations', body);
          navigate('configurations');
        });
      }}
    >
      <section class="card form-section" aria-labelledby="basics-title">
        <h2 id="basics-title">Basics</h2>
        <div class="field-row">
          <TextField
            label="Name"
            error={errorAt(errors, 'name')}
            required
            maxLength={255}
            value={draft.name}
            onChange={(name) => change({ name })}
          />
          <TextField
            label="Description"
            error={errorAt(errors, 'description')}
            maxLength={255}
            value={draft.description}
            onChange={(description) => change({ description })}
          />
          <SelectField
            label="Firewall policy"
            hint={
              <Link route="firewall">Screens the tools and tool calls of this configuration's keys.</Link>
            }
            error={errorAt(errors, 'firewallPolicyId')}
            value={draft.firewallPolicyId}
            choices={[
              { value: '', label: 'None' },
              ...data.firewallPolicies.map((policy) => ({ value: policy.id, label: policy.name })),
            ]}
            onChange={(firewallPolicyId) => change({ firewallPolicyId })}
          />
        </div>
      </section>
      <ScopeFields draft={draft} providers={data.providers} errors={errors} onChange={change} />
      <RouterFields
        draft={draft}
        providers={data.providers}
        providerKeys={data.providerKeys}
        errors={errors}
        onChange={change}
      />
      <LimitsFields draft={draft} errors={errors} onChange={change} />
      <FormError error={submission.error} />
      <div class="form-actions">
        <button type="button" class="button" onClick={() => navigate('configurations')}>
          Cancel
        </button>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Saving…' : id ? 'Save changes' : 'Create configuration'}
        </button>
      </div>
    </form>
  );
}
