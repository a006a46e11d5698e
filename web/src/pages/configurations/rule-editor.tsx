import type { FieldDetails } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { ProviderKey } from '../../api/types';
import { EditableList, type ListItem } from '../../components/editable-list';
import { Field } from '../../components/field';
import { GroupError } from '../../components/group-error';
import { ListItemHeader } from '../../components/list-item-header';
import { TextField } from '../../components/text-field';
import { boundFields } from '../../lib/bound-fields';
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
  return (
    <li class={ruleError ? 'rule field-invalid' : 'rule'}>
      <ListItemHeader label={label} heading {...position} />
      <div class="field-row">
        <Field label="Provider" error={errorUnder(errors, `${path}.provider`)}>
          {(control) => (
            <select
              {...control}
              value={rule.provider}
              onChange={(event) => onChange({ ...rule, provider: event.currentTarget.value })}
            >
              <option value="">From the model</option>
              {rule.provider && !providers.some((provider) => provider.id === rule.provider) && (
                <option value={rule.provider}>{rule.provider}</option>
              )}
              {providers.map((provider) => (
                <option key={provider.id} value={provider.id}>
                  {provider.name} ({provider.id})
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Model (optional)"
          hint="Set to route one model; model rules win over provider rules."
          class="mono"
          placeholder="e.g. gpt-4o-mini"
          {...fields.field('model')}
        />
      </div>
      <GroupError message={ruleError} />
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
    </li>
  );
}
