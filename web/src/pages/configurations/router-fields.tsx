import { errorAt } from '../../api/field-errors';
import type { ProviderKey } from '../../api/types';
import { EditableList } from '../../components/editable-list';
import { FormSection } from '../../components/form-section';
import type { ProviderChoice } from '../../lib/provider-choices';
import type { Form } from '../../lib/use-form';
import { type ConfigurationDraft, newRule } from './configuration-draft';
import { RuleEditor } from './rule-editor';

interface RouterFieldsProps {
  form: Form<ConfigurationDraft>;
  providers: ProviderChoice[];
  providerKeys: ProviderKey[];
}

export function RouterFields({ form, providers, providerKeys }: RouterFieldsProps) {
  const errors = form.fieldErrors;
  return (
    <FormSection title="Router rules">
      <p class="muted">
        Without rules, managed providers use managed inference and the others use your provider keys in
        creation order. A rule's steps are tried in order, and each step's keys in order, until one succeeds.
      </p>
      <EditableList
        items={form.values.rules}
        onChange={(rules) => form.change({ rules })}
        path="router.rules"
        label="Rule"
        empty="No rules: the defaults apply."
        error={errorAt(errors, 'router') ?? errorAt(errors, 'router.rules')}
        addLabel="Add rule"
        newItem={newRule}
        class="rules"
      >
        {(rule, place) => (
          <RuleEditor
            key={rule.uid}
            rule={rule}
            {...place}
            providers={providers}
            providerKeys={providerKeys}
            errors={errors}
          />
        )}
      </EditableList>
    </FormSection>
  );
}
