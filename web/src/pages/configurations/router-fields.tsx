import type { FieldDetails } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { ProviderKey } from '../../api/types';
import type { ProviderChoice } from '../../lib/provider-choices';
import { type ConfigurationDraft, move, newRule } from './configuration-draft';
import { RuleEditor } from './rule-editor';

interface RouterFieldsProps {
  draft: ConfigurationDraft;
  providers: ProviderChoice[];
  providerKeys: ProviderKey[];
  errors: FieldDetails;
  onChange(patch: Partial<ConfigurationDraft>): void;
}

export function RouterFields({ draft, providers, providerKeys, errors, onChange }: RouterFieldsProps) {
  const routerError = errorAt(errors, 'router') ?? errorAt(errors, 'router.rules');
  return (
    <section class="card form-section" aria-labelledby="router-title">
      <h2 id="router-title">Router rules</h2>
      <p class="muted">
        Without rules, managed providers use managed inference and the others use your provider keys in
        creation order. A rule's steps are tried in order, and each step's keys in order, until one succeeds.
      </p>
      {draft.rules.length === 0 && <p class="muted small">No rules: the defaults apply.</p>}
      <ol class="plain-list rules">
        {draft.rules.map((rule, index) => (
          <RuleEditor
            key={rule.uid}
            rule={rule}
            index={index}
            count={draft.rules.length}
            providers={providers}
            providerKeys={providerKeys}
            errors={errors}
            onChange={(changed) =>
              onChange({ rules: draft.rules.map((entry) => (entry.uid === rule.uid ? changed : entry)) })
            }
            onMove={(delta) => onChange({ rules: move(draft.rules, index, delta) })}
            onRemove={() => onChange({ rules: draft.rules.filter((entry) => entry.uid !== rule.uid) })}
          />
        ))}
      </ol>
      {routerError && <p class="field-error">{routerError}</p>}
      <button type="button" class="button" onClick={() => onChange({ rules: [...draft.rules, newRule()] })}>
        Add rule
      </button>
    </section>
  );
}
