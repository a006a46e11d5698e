import { errorAt } from '../../api/field-errors';
import type { FirewallMode } from '../../api/types';
import { EditableList } from '../../components/editable-list';
import { FormSection } from '../../components/form-section';
import { BasicsSection, EditorPage } from '../../components/resource-editor';
import { SelectField } from '../../components/select-field';
import { firewallDraftFrom, firewallWriteOf, newFirewallRule } from './firewall-draft';
import { FirewallRuleEditor } from './firewall-rule-editor';
import { policyPages } from './policy-pages';

const modes = [
  { value: 'enforce', label: 'Enforce' },
  { value: 'dry_run', label: 'Dry run (record only)' },
] as const satisfies ReadonlyArray<{ value: FirewallMode; label: string }>;

/** Create (`id` undefined) or edit one firewall policy and its ordered rules. */
export function FirewallPolicyEditorPage({ id }: { id: string | undefined }) {
  return (
    <EditorPage pages={policyPages} id={id} draftOf={firewallDraftFrom} bodyOf={firewallWriteOf}>
      {(form) => (
        <>
          <BasicsSection form={form}>
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
              items={form.values.rules}
              onChange={(changed) => form.change({ rules: changed })}
              path="rules"
              label="Rule"
              empty="No rules: every tool passes."
              error={errorAt(form.fieldErrors, 'rules')}
              addLabel="Add rule"
              newItem={() => newFirewallRule(form.values.rules.length)}
              class="rules"
            >
              {(rule, place) => (
                <FirewallRuleEditor key={rule.uid} rule={rule} {...place} errors={form.fieldErrors} />
              )}
            </EditableList>
          </FormSection>
        </>
      )}
    </EditorPage>
  );
}
