import type { FieldDetails } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { ProviderKey } from '../../api/types';
import { Field } from '../../components/field';
import { ListItemHeader } from '../../components/list-item-header';
import type { ProviderChoice } from '../../lib/provider-choices';
import { move, newStep, type RuleDraft } from './configuration-draft';
import { StepEditor } from './step-editor';

interface RuleEditorProps {
  rule: RuleDraft;
  index: number;
  count: number;
  providers: ProviderChoice[];
  providerKeys: ProviderKey[];
  errors: FieldDetails;
  onChange(rule: RuleDraft): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** One router rule: which traffic it matches (provider, or one model) and the steps tried in order. */
export function RuleEditor({
  rule,
  index,
  count,
  providers,
  providerKeys,
  errors,
  onChange,
  onMove,
  onRemove,
}: RuleEditorProps) {
  const path = `router.rules[${index}]`;
  const label = `Rule ${index + 1}`;
  const keys = rule.provider ? providerKeys.filter((key) => key.providerId === rule.provider) : providerKeys;
  const ruleError = errorAt(errors, path) ?? errorAt(errors, `${path}.steps`);
  return (
    <li class={ruleError ? 'rule field-invalid' : 'rule'}>
      <ListItemHeader label={label} heading index={index} count={count} onMove={onMove} onRemove={onRemove} />
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
        <Field
          label="Model (optional)"
          hint="Set to route one model; model rules win over provider rules."
          error={errorUnder(errors, `${path}.model`)}
        >
          {(control) => (
            <input
              {...control}
              class="mono"
              placeholder="e.g. gpt-4o-mini"
              value={rule.model}
              onInput={(event) => onChange({ ...rule, model: event.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      {ruleError && <p class="field-error">{ruleError}</p>}
      <ol class="plain-list steps">
        {rule.steps.map((step, stepIndex) => (
          <StepEditor
            key={step.uid}
            step={step}
            path={`${path}.steps[${stepIndex}]`}
            label={`${label} step ${stepIndex + 1}`}
            index={stepIndex}
            count={rule.steps.length}
            keys={keys}
            errors={errors}
            onChange={(changed) =>
              onChange({
                ...rule,
                steps: rule.steps.map((entry) => (entry.uid === step.uid ? changed : entry)),
              })
            }
            onMove={(delta) => onChange({ ...rule, steps: move(rule.steps, stepIndex, delta) })}
            onRemove={() =>
              onChange({ ...rule, steps: rule.steps.filter((entry) => entry.uid !== step.uid) })
            }
          />
        ))}
      </ol>
      <button
        type="button"
        class="button button-small"
        onClick={() => onChange({ ...rule, steps: [...rule.steps, newStep()] })}
      >
        Add step
      </button>
    </li>
  );
}
