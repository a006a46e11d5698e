import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt } from '../../api/field-errors';
import type { FirewallMode, FirewallPolicy } from '../../api/types';
import { FormError } from '../../components/form-error';
import { Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { SelectField } from '../../components/select-field';
import { Async } from '../../components/states';
import { TextField } from '../../components/text-field';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { useSubmit } from '../../lib/use-submit';
import { move } from '../configurations/configuration-draft';
import {
  type FirewallPolicyDraft,
  firewallDraftFrom,
  firewallWriteOf,
  newFirewallRule,
} from './firewall-draft';
import { FirewallRuleEditor } from './firewall-rule-editor';

const modes = [
  { value: 'enforce', label: 'Enforce' },
  { value: 'dry_run', label: 'Dry run (record only)' },
] as const satisfies ReadonlyArray<{ value: FirewallMode; label: string }>;

/** Create (`id` undefined) or edit one firewall policy and its ordered rules. */
export function FirewallPolicyEditorPage({ id }: { id: string | undefined }) {
  const [resource, reload] = useResource(
    () =>
      id
        ? api.get<FirewallPolicy>(`/firewall-policies/${encodeURIComponent(id)}`)
        : Promise.resolve(undefined),
    [id],
  );
  return (
    <>
      <PageHeader
        title={id ? 'Edit firewall policy' : 'New firewall policy'}
        description={<Link route="firewall">← All firewall policies</Link>}
      />
      <Async resource={resource} onRetry={reload}>
        {(policy) => <FirewallPolicyForm key={policy?.id ?? 'new'} id={policy?.id} policy={policy} />}
      </Async>
    </>
  );
}

function FirewallPolicyForm({ id, policy }: { id: string | undefined; policy: FirewallPolicy | undefined }) {
  const [draft, setDraft] = useState<FirewallPolicyDraft>(() => firewallDraftFrom(policy));
  const submission = useSubmit();
  const errors = submission.fieldErrors;
  const change = (patch: Partial<FirewallPolicyDraft>) => setDraft((current) => ({ ...current, ...patch }));
  return (
    <form
      class="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submission.run(async () => {
          const body = firewallWriteOf(draft, id !== undefined);
          if (id) await api.patch(`/firewall-policies/${encodeURIComponent(id)}`, body);
          else await api.post('/firewall-policies', body);
          navigate('firewall');
        });
      }}
    >
      <section class="card form-section" aria-labelledby="policy-basics-title">
        <h2 id="policy-basics-title">Basics</h2>
        <div class="field-row">
          <TextField
            label="Name"
            error={errorAt(errors, 'name')}
            required
            maxLength={255}
            value={draft.name}
            onChange={(name) => change({ name })}
          />
          <TextField
            label="Description"
            error={errorAt(errors, 'description')}
            maxLength={255}
            value={draft.description}
            onChange={(description) => change({ description })}
          />
          <SelectField
            label="Mode"
            hint="A dry run records on each usage event what would have happened, and changes nothing."
            error={errorAt(errors, 'mode')}
            value={draft.mode}
            choices={modes}
            onChange={(mode) => change({ mode })}
          />
        </div>
      </section>
      <section class="card form-section" aria-labelledby="policy-rules-title">
        <h2 id="policy-rules-title">Rules</h2>
        <p class="muted">Rules are evaluated in order for every tool; the first that matches decides.</p>
        {draft.rules.length === 0 && <p class="muted small">No rules: every tool passes.</p>}
        <ol class="plain-list rules">
          {draft.rules.map((rule, index) => (
            <FirewallRuleEditor
              key={rule.uid}
              rule={rule}
              index={index}
              count={draft.rules.length}
              errors={errors}
              onChange={(changed) =>
                change({ rules: draft.rules.map((entry) => (entry.uid === rule.uid ? changed : entry)) })
              }
              onMove={(delta) => change({ rules: move(draft.rules, index, delta) })}
              onRemove={() => change({ rules: draft.rules.filter((entry) => entry.uid !== rule.uid) })}
            />
          ))}
        </ol>
        {errorAt(errors, 'rules') && <p class="field-error">{errorAt(errors, 'rules')}</p>}
        <button
          type="button"
          class="button"
          onClick={() => change({ rules: [...draft.rules, newFirewallRule(draft.rules.length)] })}
        >
          Add rule
        </button>
      </section>
      <FormError error={submission.error} />
      <div class="form-actions">
        <button type="button" class="button" onClick={() => navigate('firewall')}>
          Cancel
        </button>
        <button type="submit" class="button button-primary" disabled={submission.busy}>
          {submission.busy ? 'Saving…' : id ? 'Save changes' : 'Create policy'}
        </button>
      </div>
    </form>
  );
}
