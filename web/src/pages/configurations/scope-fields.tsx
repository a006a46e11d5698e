import { errorUnder } from '../../api/field-errors';
import { Checkbox } from '../../components/checkbox';
import { FormSection } from '../../components/form-section';
import { GroupError } from '../../components/group-error';
import { LinesField } from '../../components/lines-field';
import type { ProviderChoice } from '../../lib/provider-choices';
import type { Form } from '../../lib/use-form';
import type { ConfigurationDraft } from './configuration-draft';

interface ScopeFieldsProps {
  form: Form<ConfigurationDraft>;
  providers: ProviderChoice[];
}

/** `access.providers.allow` and `access.models.allow`: unchecked = no restriction, checked with nothing = block all. */
export function ScopeFields({ form, providers }: ScopeFieldsProps) {
  const draft = form.values;
  const providerError = errorUnder(form.fieldErrors, 'access.providers');
  const toggleProvider = (id: string, allowed: boolean) =>
    form.change({
      providers: allowed ? [...draft.providers, id] : draft.providers.filter((entry) => entry !== id),
    });
  return (
    <FormSection title="Scope">
      <p class="muted">
        Which providers and models keys with this configuration may use. Leave a box unchecked for no
        restriction.
      </p>
      <Checkbox {...form.flag('restrictProviders')}>Only allow these providers</Checkbox>
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
          <GroupError message={providerError} />
        </fieldset>
      )}
      <Checkbox {...form.flag('restrictModels')}>Only allow these models</Checkbox>
      {draft.restrictModels && (
        <LinesField
          label="Allowed models"
          hint="One per line: provider:model (openai:gpt-4o), provider/model, or a bare model id. Empty blocks every model."
          {...form.field('models', 'access.models')}
        />
      )}
    </FormSection>
  );
}
