import type { FieldDetails } from '../../api/client';
import { errorUnder } from '../../api/field-errors';
import type { SpendPeriod } from '../../api/types';
import { Checkbox } from '../../components/checkbox';
import { NumberField } from '../../components/number-field';
import { type Choice, SelectField } from '../../components/select-field';
import type { ConfigurationDraft } from './configuration-draft';

interface LimitsFieldsProps {
  draft: ConfigurationDraft;
  errors: FieldDetails;
  onChange(patch: Partial<ConfigurationDraft>): void;
}

const periods: Array<Choice<SpendPeriod>> = [
  { value: 'day', label: 'per day' },
  { value: 'week', label: 'per week' },
  { value: 'month', label: 'per month' },
  { value: 'total', label: 'in total' },
];

/** Per access key limits, enforced across every instance. Empty = unlimited. */
export function LimitsFields({ draft, errors, onChange }: LimitsFieldsProps) {
  return (
    <section class="card form-section" aria-labelledby="limits-title">
      <h2 id="limits-title">Limits</h2>
      <p class="muted">Applied to each access key separately. Leave empty for no limit.</p>
      <div class="field-row">
        <NumberField
          label="Requests per minute"
          error={errorUnder(errors, 'limits.requestsPerMinute')}
          value={draft.requestsPerMinute}
          onChange={(requestsPerMinute) => onChange({ requestsPerMinute })}
        />
        <NumberField
          label="Tokens per minute"
          error={errorUnder(errors, 'limits.tokensPerMinute')}
          value={draft.tokensPerMinute}
          onChange={(tokensPerMinute) => onChange({ tokensPerMinute })}
        />
      </div>
      <Checkbox checked={draft.spendEnabled} onChange={(spendEnabled) => onChange({ spendEnabled })}>
        Limit spend
      </Checkbox>
      {draft.spendEnabled && (
        <div class="field-row">
          <NumberField
            label="Spend limit (USD)"
            error={errorUnder(errors, 'limits.spend.amountCents') ?? errorUnder(errors, 'limits.spend')}
            min={0}
            step={0.01}
            value={draft.spendUsd}
            onChange={(spendUsd) => onChange({ spendUsd })}
          />
          <SelectField
            label="Period"
            error={errorUnder(errors, 'limits.spend.period')}
            value={draft.spendPeriod}
            choices={periods}
            onChange={(spendPeriod) => onChange({ spendPeriod })}
          />
        </div>
      )}
    </section>
  );
}
