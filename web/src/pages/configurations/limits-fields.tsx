import { errorUnder } from '../../api/field-errors';
import type { SpendPeriod } from '../../api/types';
import { Checkbox } from '../../components/checkbox';
import { FormSection } from '../../components/form-section';
import { NumberField } from '../../components/number-field';
import { type Choice, SelectField } from '../../components/select-field';
import type { Form } from '../../lib/use-form';
import type { ConfigurationDraft } from './configuration-draft';

const periods: Array<Choice<SpendPeriod>> = [
  { value: 'day', label: 'per day' },
  { value: 'week', label: 'per week' },
  { value: 'month', label: 'per month' },
  { value: 'total', label: 'in total' },
];

/** Per access key limits, enforced across every instance. Empty = unlimited. */
export function LimitsFields({ form }: { form: Form<ConfigurationDraft> }) {
  const amount = form.field('spendUsd', 'limits.spend.amountCents');
  return (
    <FormSection title="Limits">
      <p class="muted">Applied to each access key separately. Leave empty for no limit.</p>
      <div class="field-row">
        <NumberField
          label="Requests per minute"
          {...form.field('requestsPerMinute', 'limits.requestsPerMinute')}
        />
        <NumberField label="Tokens per minute" {...form.field('tokensPerMinute', 'limits.tokensPerMinute')} />
      </div>
      <Checkbox {...form.flag('spendEnabled')}>Limit spend</Checkbox>
      {form.values.spendEnabled && (
        <div class="field-row">
          <NumberField
            label="Spend limit (USD)"
            min={0}
            step={0.01}
            {...amount}
            // A message about the spend limit as a whole shows at its amount.
            error={amount.error ?? errorUnder(form.fieldErrors, 'limits.spend')}
          />
          <SelectField
            label="Period"
            choices={periods}
            {...form.field('spendPeriod', 'limits.spend.period')}
          />
        </div>
      )}
    </FormSection>
  );
}
