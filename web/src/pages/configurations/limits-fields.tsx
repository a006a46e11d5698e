import type { FieldDetails } from '../../api/client';
import { errorUnder } from '../../api/field-errors';
import type { SpendPeriod } from '../../api/types';
import { Field } from '../../components/field';
import type { ConfigurationDraft } from './configuration-draft';

interface LimitsFieldsProps {
  draft: ConfigurationDraft;
  errors: FieldDetails;
  onChange(patch: Partial<ConfigurationDraft>): void;
}

const periods: Array<{ value: SpendPeriod; label: string }> = [
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
        <Field label="Requests per minute" error={errorUnder(errors, 'limits.requestsPerMinute')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.requestsPerMinute}
              onInput={(event) => onChange({ requestsPerMinute: event.currentTarget.value })}
            />
          )}
        </Field>
        <Field label="Tokens per minute" error={errorUnder(errors, 'limits.tokensPerMinute')}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              step={1}
              inputMode="numeric"
              value={draft.tokensPerMinute}
              onInput={(event) => onChange({ tokensPerMinute: event.currentTarget.value })}
            />
          )}
        </Field>
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={draft.spendEnabled}
          onChange={(event) => onChange({ spendEnabled: event.currentTarget.checked })}
        />
        Limit spend
      </label>
      {draft.spendEnabled && (
        <div class="field-row">
          <Field
            label="Spend limit (USD)"
            error={errorUnder(errors, 'limits.spend.amountCents') ?? errorUnder(errors, 'limits.spend')}
          >
            {(control) => (
              <input
                {...control}
                type="number"
                min={0}
                step={0.01}
                inputMode="decimal"
                value={draft.spendUsd}
                onInput={(event) => onChange({ spendUsd: event.currentTarget.value })}
              />
            )}
          </Field>
          <Field label="Period" error={errorUnder(errors, 'limits.spend.period')}>
            {(control) => (
              <select
                {...control}
                value={draft.spendPeriod}
                onChange={(event) => onChange({ spendPeriod: event.currentTarget.value as SpendPeriod })}
              >
                {periods.map((period) => (
                  <option key={period.value} value={period.value}>
                    {period.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      )}
    </section>
  );
}
