import type { FieldDetails } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { ProviderKey } from '../../api/types';
import { EditableList, type ListItem } from '../../components/editable-list';
import { ItemCard } from '../../components/item-card';
import { namedChoice, SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { type BoundFields, boundFields } from '../../lib/bound-fields';
import type { ProviderChoice } from '../../lib/provider-choices';
import { newStep, type RuleDraft } from './configuration-draft';
import { StepEditor } from './step-editor';

interface RuleEditorProps extends ListItem<RuleDraft> {
  rule: RuleDraft;
  providers: ProviderChoice[];
  providerKeys: ProviderKey[];
  errors: FieldDetails;
}

/** One router rule: which traffic it matches (provider, or one model) and the steps tried in order. */
export function RuleEditor({
  rule,
  providers,
  providerKeys,
  errors,
  onChange,
  path,
  label,
  ...position
}: RuleEditorProps) {
  const keys = rule.provider ? providerKeys.filter((key) => key.providerId === rule.provider) : providerKeys;
  const ruleError = errorAt(errors, path) ?? errorAt(errors, `${path}.steps`);
  const fields = boundFields(rule, (patch) => onChange({ ...rule, ...patch }), errors, path);
  // The rule's steps come after its fields and the API's message about the rule.
  return (
    <ItemCard
      class="rule"
      label={label}
      heading
      {...position}
      error={ruleError}
      list={
        <EditableList
          items={rule.steps}
          onChange={(steps) => onChange({ ...rule, steps })}
          path={`${path}.steps`}
          label={`${label} step`}
          addLabel="Add step"
          newItem={newStep}
          class="steps"
          nested
        >
          {(step, place) => <StepEditor key={step.uid} step={step} {...place} keys={keys} errors={errors} />}
        </EditableList>
      }
    >
      <RuleMatchFields fields={fields} providers={providers} />
    </ItemCard>
  );
}

/** Which traffic a rule routes: one provider's (or any, by the model's name), or one model's. */
function RuleMatchFields({
  fields,
  providers,
}: {
  fields: BoundFields<RuleDraft>;
  providers: ProviderChoice[];
}) {
  return (
    <div class="field-row">
      <SelectField
        label="Provider"
        blank="From the model"
        choices={providers.map(namedChoice)}
        {...fields.field('provider')}
      />
      <TextField
        label="Model (optional)"
        hint="Set to route one model; model rules win over provider rules."
        class="mono"
        placeholder="e.g. gpt-4o-mini"
        {...fields.field('model')}
      />
    </div>
  );
}
