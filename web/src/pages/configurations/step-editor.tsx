import type { FieldDetails } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { ProviderKey, StepType } from '../../api/types';
import { Field } from '../../components/field';
import { ListControls } from '../../components/list-controls';
import { ListItemHeader } from '../../components/list-item-header';
import { type Choice, SelectField } from '../../components/select-field';
import { move, type StepDraft, uid } from './configuration-draft';

interface StepEditorProps {
  step: StepDraft;
  /** `router.rules[i].steps[j]`, the API's name for this step in error details. */
  path: string;
  label: string;
  index: number;
  count: number;
  /** Provider keys this step may use (those of the rule's provider). */
  keys: ProviderKey[];
  errors: FieldDetails;
  onChange(step: StepDraft): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

const credentials: Array<Choice<StepType>> = [
  { value: 'user', label: 'Your provider keys (BYOK)' },
  { value: 'ngrok', label: "Managed (operator's keys, paid from credits)" },
];

function keyLabel(key: ProviderKey): string {
  return `${key.providerId} · ${key.name} (${key.keyRedacted})`;
}

/** One step of a rule: managed inference, or the account's own keys tried in order. */
export function StepEditor({
  step,
  path,
  label,
  index,
  count,
  keys,
  errors,
  onChange,
  onMove,
  onRemove,
}: StepEditorProps) {
  const stepError =
    errorAt(errors, path) ?? errorAt(errors, `${path}.type`) ?? errorAt(errors, `${path}.keys`);
  const setType = (type: StepType) =>
    onChange({
      ...step,
      type,
      keys: type === 'user' && step.keys.length === 0 ? [{ uid: uid(), id: '' }] : step.keys,
    });
  return (
    <li class={stepError ? 'step field-invalid' : 'step'}>
      <ListItemHeader label={label} index={index} count={count} onMove={onMove} onRemove={onRemove} />
      <SelectField label="Credentials" value={step.type} choices={credentials} onChange={setType} />
      {step.type === 'user' && (
        <div class="step-keys">
          <p class="field-hint">Keys are tried in this order; on a retryable failure the next key is used.</p>
          <ol class="plain-list">
            {step.keys.map((key, keyIndex) => {
              const keyPath = `${path}.keys[${keyIndex}]`;
              const keyName = `${label} key ${keyIndex + 1}`;
              return (
                <li key={key.uid} class="key-row">
                  <Field label={`Key ${keyIndex + 1}`} error={errorUnder(errors, keyPath)}>
                    {(control) => (
                      <select
                        {...control}
                        value={key.id}
                        onChange={(event) =>
                          onChange({
                            ...step,
                            keys: step.keys.map((entry) =>
                              entry.uid === key.uid ? { ...entry, id: event.currentTarget.value } : entry,
                            ),
                          })
                        }
                      >
                        <option value="">Choose a provider key…</option>
                        {/* A key that no longer exists (or belongs to another provider) still shows, so the API's message makes sense. */}
                        {key.id && !keys.some((entry) => entry.id === key.id) && (
                          <option value={key.id}>{key.id}</option>
                        )}
                        {keys.map((entry) => (
                          <option key={entry.id} value={entry.id}>
                            {keyLabel(entry)}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <ListControls
                    label={keyName.toLowerCase()}
                    index={keyIndex}
                    count={step.keys.length}
                    onMove={(delta) => onChange({ ...step, keys: move(step.keys, keyIndex, delta) })}
                    onRemove={() =>
                      onChange({ ...step, keys: step.keys.filter((entry) => entry.uid !== key.uid) })
                    }
                  />
                </li>
              );
            })}
          </ol>
          <button
            type="button"
            class="button button-small"
            onClick={() => onChange({ ...step, keys: [...step.keys, { uid: uid(), id: '' }] })}
          >
            Add key
          </button>
        </div>
      )}
      {stepError && <p class="field-error">{stepError}</p>}
    </li>
  );
}
