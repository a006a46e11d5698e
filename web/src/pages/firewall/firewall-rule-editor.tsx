import type { FieldDetails } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { FirewallAction } from '../../api/types';
import { Checkbox } from '../../components/checkbox';
import type { ListItem } from '../../components/editable-list';
import { GroupError } from '../../components/group-error';
import { ItemCard } from '../../components/item-card';
import { LinesField } from '../../components/lines-field';
import { SelectField } from '../../components/select-field';
import { TextField } from '../../components/text-field';
import { boundFields } from '../../lib/bound-fields';
import type { FirewallRuleDraft } from './firewall-draft';

const actions = [
  { value: 'block', label: 'Block' },
  { value: 'strip', label: 'Strip (advertised tools only)' },
  { value: 'allow', label: 'Allow (stop evaluating)' },
] as const satisfies ReadonlyArray<{ value: FirewallAction; label: string }>;

interface FirewallRuleEditorProps extends ListItem<FirewallRuleDraft> {
  rule: FirewallRuleDraft;
  errors: FieldDetails;
}

/** One firewall rule: what it matches (tool names, an arguments pattern), at which stages, and its action. */
export function FirewallRuleEditor({
  rule,
  errors,
  onChange,
  path,
  label,
  ...position
}: FirewallRuleEditorProps) {
  const ruleError = errorAt(errors, path);
  const stagesError = errorUnder(errors, `${path}.stages`);
  const fields = boundFields(rule, (patch) => onChange({ ...rule, ...patch }), errors, path);
  return (
    <ItemCard class="rule" label={label} heading {...position} error={ruleError}>
      <div class="field-row">
        <TextField
          label="Rule name"
          hint="Letters, digits, “.”, “_” and “-”; shown in errors and usage."
          class="mono"
          {...fields.field('name')}
        />
        <SelectField label="Action" choices={actions} {...fields.field('action')} />
      </div>
      <fieldset class="choice-grid">
        <legend>Stages</legend>
        <Checkbox {...fields.flag('request')}>Request: advertised tools and tool results</Checkbox>
        <Checkbox {...fields.flag('response')}>Response: tool calls the model emits</Checkbox>
        <GroupError message={stagesError} />
      </fieldset>
      <div class="field-row">
        <LinesField
          label="Tools"
          hint="One name per line; * matches any run of characters, ? one character."
          {...fields.field('tools')}
        />
        <TextField
          label="Arguments pattern"
          hint="An RE2 regular expression searched in a call's JSON arguments (optional)."
          class="mono"
          {...fields.field('argumentsPattern')}
        />
      </div>
    </ItemCard>
  );
}
