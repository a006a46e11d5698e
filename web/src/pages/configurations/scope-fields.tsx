import type { FieldDetails } from '../../api/client';
import { errorUnder } from '../../api/field-errors';
import { Field } from '../../components/field';
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
      <label class="checkbox">
        <input
          type="checkbox"
          checked={draft.restrictProviders}
          onChange={(event) => onChange({ restrictProviders: event.currentTarget.checked })}
        />
        Only allow these providers
      </label>
      {draft.restrictProviders && (
        <fieldset class={providerError ? 'choice-grid field-invalid' : 'choice-grid'}>
          <legend class="visually-hidden">Allowed providers</legend>
          {providers.map((provider) => (
            <label key={provider.id} class="checkbox">
              <input
                type="checkbox"
                checked={draft.providers.includes(provider.id)}
                onChange={(event) => toggleProvider(provider.id, event.currentTarget.checked)}
              />
              {provider.name} <span class="muted mono small">{provider.id}</span>
            </label>
          ))}
          {draft.providers.length === 0 && (
            <p class="field-hint">No provider checked: every request is refused.</p>
          )}
          {providerError && <p class="field-error">{providerError}</p>}
        </fieldset>
      )}
      <label class="checkbox">
        <input
          type="checkbox"
          checked={draft.restrictModels}
          onChange={(event) => onChange({ restrictModels: event.currentTarget.checked })}
        />
        Only allow these models
      </label>
      {draft.restrictModels && (
        <Field
          label="Allowed models"
          hint="One per line: provider:model (openai:gpt-4o), provider/model, or a bare model id. Empty blocks every model."
          error={errorUnder(errors, 'access.models')}
        >
          {(control) => (
            <textarea
              {...control}
              class="mono"
              rows={4}
              value={draft.models}
              onInput={(event) => onChange({ models: event.currentTarget.value })}
            />
          )}
        </Field>
      )}
    </section>
  );
}
