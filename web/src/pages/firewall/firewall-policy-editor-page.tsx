import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { FirewallMode, FirewallPolicy } from '../../api/types';
import { EditableList } from '../../components/editable-list';
import { FormSection } from '../../components/form-section';
import { BasicsSection, EditorForm, EditorPage } from '../../components/resource-editor';
import { SelectField } from '../../components/select-field';
import { saveResource } from '../../lib/save-resource';
import { useForm } from '../../lib/use-form';
import { useResource } from '../../lib/use-resource';
import { firewallDraftFrom, firewallWriteOf, newFirewallRule } from './firewall-draft';
import { FirewallRuleEditor } from './firewall-rule-editor';

const modes = [
  { value: 'enforce', label: 'Enforce' },
  { value: 'dry_run', label: 'Dry run (record only)' },
] as const satisfies ReadonlyArray<{ value: FirewallMode; label: string }>;

const policiesList = { route: 'firewall', label: 'All firewall policies' };

/** Create (`id` undefined) or edit one firewall policy and its ordered rules. */
export function FirewallPolicyEditorPage({ id }: { id: string | undefined }) {
  const [resource, reload] = useResource(
    () =>
      id
        ? api.get<FirewallPolicy>(`/firewall-policies/${encodeURIComponent(id)}`)
        : Promise.resolve(undefined),
    [id],
  );
  return (
    <EditorPage
      title={id ? 'Edit firewall policy' : 'New firewall policy'}
      list={policiesList}
      resource={resource}
      onRetry={reload}
    >
      {(policy) => <FirewallPolicyForm key={policy?.id ?? 'new'} policy={policy} />}
    </EditorPage>
  );
}

function FirewallPolicyForm({ policy }: { policy: FirewallPolicy | undefined }) {
  const form = useForm(() => firewallDraftFrom(policy));
  const { rules } = form.values;
  return (
    <EditorForm
      form={form}
      list={policiesList}
      submitLabel={policy ? 'Save changes' : 'Create policy'}
      onSave={() =>
        saveResource('/firewall-policies', policy?.id, firewallWriteOf(form.values, policy !== undefined))
      }
    >
      <BasicsSection name={form.field('name')} description={form.field('description')}>
        <SelectField
          label="Mode"
          hint="A dry run records on each usage event what would have happened, and changes nothing."
          choices={modes}
          {...form.field('mode')}
        />
      </BasicsSection>
      <FormSection title="Rules">
        <p class="muted">Rules are evaluated in order for every tool; the first that matches decides.</p>
        <EditableList
          items={rules}
          onChange={(changed) => form.change({ rules: changed })}
          path="rules"
          label="Rule"
          empty="No rules: every tool passes."
          error={errorAt(form.fieldErrors, 'rules')}
          addLabel="Add rule"
          newItem={() => newFirewallRule(rules.length)}
          class="rules"
        >
          {(rule, place) => (
            <FirewallRuleEditor key={rule.uid} rule={rule} {...place} errors={form.fieldErrors} />
          )}
        </EditableList>
      </FormSection>
    </EditorForm>
  );
}
