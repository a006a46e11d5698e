import { collections, listOf } from '../../api/collections';
import { Link } from '../../components/link';
import { BasicsSection, EditorPage } from '../../components/resource-editor';
import { SelectField } from '../../components/select-field';
import { loadProviderChoices } from '../../lib/provider-choices';
import { draftFrom, writeOf } from './configuration-draft';
import { configurationPages } from './configuration-pages';
import { LimitsFields } from './limits-fields';
import { RouterFields } from './router-fields';
import { ScopeFields } from './scope-fields';

/** What the fields offer: providers for the scope and the router, keys for its steps, policies to attach. */
async function loadChoices() {
  const [choices, providerKeys, firewallPolicies] = await Promise.all([
    loadProviderChoices(),
    listOf(collections.providerKeys),
    listOf(collections.firewallPolicies),
  ]);
  return { providers: choices.providers, providerKeys, firewallPolicies };
}

/** Create (`id` undefined) or edit one configuration: scope, router rules and limits. */
export function ConfigurationEditorPage({ id }: { id: string | undefined }) {
  return (
    <EditorPage pages={configurationPages} id={id} choices={loadChoices} draftOf={draftFrom} bodyOf={writeOf}>
      {(form, { providers, providerKeys, firewallPolicies }) => (
        <>
          <BasicsSection form={form}>
            <SelectField
              label="Firewall policy"
              hint={
                <Link route="firewall">Screens the tools and tool calls of this configuration's keys.</Link>
              }
              blank="None"
              choices={firewallPolicies.map((policy) => ({ value: policy.id, label: policy.name }))}
              {...form.field('firewallPolicyId')}
            />
          </BasicsSection>
          <ScopeFields form={form} providers={providers} />
          <RouterFields form={form} providers={providers} providerKeys={providerKeys} />
          <LimitsFields form={form} />
        </>
      )}
    </EditorPage>
  );
}
