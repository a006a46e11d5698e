import type { FieldDetails } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { FirewallAction } from '../../api/types';
import { Checkbox } from '../../components/checkbox';
import { LinesField } from '../../components/lines-field';
import { ListItemHeader } from '../../components/list-item-header';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import type { FirewallRuleDraft } from './firewall-draft';

const actions = [
  { value: 'block', label: 'Block' },
  { value: 'strip', label: 'Strip (advertised tools only)' },
  { value: 'allow', label: 'Allow (stop evaluating)' },
] as const satisfies ReadonlyArray<{ value: FirewallAction; label: string }>;

interface FirewallRuleEditorProps {
  rule: FirewallRuleDraft;
  index: number;
  count: number;
  errors: FieldDetails;
  onChange(rule: FirewallRuleDraft): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** One firewall rule: what it matches (tool names, an arguments pattern), at which stages, and its action. */
export function FirewallRuleEditor({
  rule,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: FirewallRuleEditorProps) {
  const path = `rules[${index}]`;
  const ruleError = errorAt(errors, path);
  return (
    <li class={ruleError ? 'rule field-invalid' : 'rule'}>
      <ListItemHeader
        label={`Rule ${index + 1}`}
        heading
        index={index}
        count={count}
        onMove={onMove}
        onRemove={onRemove}
      />
      <div class="field-row">
        <TextField
          label="Rule name"
          hint="Letters, digits, “.”, “_” and “-”; shown in errors and usage."
          error={errorUnder(errors, `${path}.name`)}
          class="mono"
          value={rule.name}
          onChange={(name) => onChange({ ...rule, name })}
        />
        <SelectField
          label="Action"
          error={errorUnder(errors, `${path}.action`)}
          value={rule.action}
          choices={actions}
          onChange={(action) => onChange({ ...rule, action })}
        />
      </div>
      <fieldset class="choice-grid">
        <legend>Stages</legend>
        <Checkbox checked={rule.request} onChange={(request) => onChange({ ...rule, request })}>
          Request: advertised tools and tool results
        </Checkbox>
        <Checkbox checked={rule.response} onChange={(response) => onChange({ ...rule, response })}>
          Response: tool calls the model emits
        </Checkbox>
        {errorUnder(errors, `${path}.stages`) && (
          <p class="field-error">{errorUnder(errors, `${path}.stages`)}</p>
        )}
      </fieldset>
      <div class="field-row">
        <LinesField
          label="Tools"
          hint="One name per line; * matches any run of characters, ? one character."
          error={errorUnder(errors, `${path}.tools`)}
          value={rule.tools}
          onChange={(tools) => onChange({ ...rule, tools })}
        />
        <TextField
          label="Arguments pattern"
          hint="An RE2 regular expression searched in a call's JSON arguments (optional)."
          error={errorUnder(errors, `${path}.argumentsPattern`)}
          class="mono"
          value={rule.argumentsPattern}
          onChange={(argumentsPattern) => onChange({ ...rule, argumentsPattern })}
        />
      </div>
      {ruleError && <p class="field-error">{ruleError}</p>}
    </li>
  );
}
