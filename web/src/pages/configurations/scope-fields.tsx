import type { FieldDetails } from '../../api/client';
import { errorUnder } from '../../api/field-errors';
import { Checkbox } from '../../components/checkbox';
import { LinesField } from '../../components/lines-field';
import type { ProviderChoice } from '../../lib/provider-choices';
import type { ConfigurationDraft } from './configuration-draft';

interface ScopeFieldsProps {
  draft: ConfigurationDraft;
  providers: ProviderChoice[];
  errors: FieldDetails;
  onChange(patch: Partial<ConfigurationDraft>): void;
}

/** `access.providers.allow` and `access.models.allow`: unchecked = no restriction, checked with nothing = block all. */
export function ScopeFields({ draft, providers, errors, onChange }: ScopeFieldsProps) {
  const providerError = errorUnder(errors, 'access.providers');
  const toggleProvider = (id: string, allowed: boolean) =>
    onChange({
      providers: allowed ? [...draft.providers, id] : draft.providers.filter((entry) => entry !== id),
    });
  return (
    <section class="card form-section" aria-labelledby="scope-title">
      <h2 id="scope-title">Scope</h2>
      <p class="muted">
        Which providers and models keys with this configuration may use. Leave a box unchecked for no
        restriction.
      </p>
      <Checkbox
        checked={draft.restrictProviders}
        onChange={(restrictProviders) => onChange({ restrictProviders })}
      >
        Only allow these providers
      </Checkbox>
      {draft.restrictProviders && (
        <fieldset class={providerError ? 'choice-grid field-invalid' : 'choice-grid'}>
          <legend class="visually-hidden">Allowed providers</legend>
          {providers.map((provider) => (
            <Checkbox
              key={provider.id}
              checked={draft.providers.includes(provider.id)}
              onChange={(allowed) => toggleProvider(provider.id, allowed)}
            >
              {provider.name} <span class="muted mono small">{provider.id}</span>
            </Checkbox>
          ))}
          {draft.providers.length === 0 && (
            <p class="field-hint">No provider checked: every request is refused.</p>
          )}
          {providerError && <p class="field-error">{providerError}</p>}
        </fieldset>
      )}
      <Checkbox checked={draft.restrictModels} onChange={(restrictModels) => onChange({ restrictModels })}>
        Only allow these models
      </Checkbox>
      {draft.restrictModels && (
        <LinesField
          label="Allowed models"
          hint="One per line: provider:model (openai:gpt-4o), provider/model, or a bare model id. Empty blocks every model."
          error={errorUnder(errors, 'access.models')}
          value={draft.models}
          onChange={(models) => onChange({ models })}
        />
      )}
    </section>
  );
}
