import type { FieldDetails } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { ProviderKey, StepType } from '../../api/types';
import { EditableList, type ListItem } from '../../components/editable-list';
import { ItemCard } from '../../components/item-card';
import { ListControls } from '../../components/list-controls';
import { type Choice, SelectField } from '../../components/select-field';
import { type KeyDraft, type StepDraft, uid } from './configuration-draft';

interface StepEditorProps extends ListItem<StepDraft> {
  step: StepDraft;
  /** Provider keys this step may use (those of the rule's provider). */
  keys: ProviderKey[];
  errors: FieldDetails;
}

const credentials: Array<Choice<StepType>> = [
  { value: 'user', label: 'Your provider keys (BYOK)' },
  { value: 'ngrok', label: "Managed (operator's keys, paid from credits)" },
];

function keyChoice(key: ProviderKey): Choice<string> {
  return { value: key.id, label: `${key.providerId} · ${key.name} (${key.keyRedacted})` };
}

/** One step of a rule: managed inference, or the account's own keys tried in order. */
export function StepEditor({ step, path, label, keys, errors, onChange, ...position }: StepEditorProps) {
  const stepError =
    errorAt(errors, path) ?? errorAt(errors, `${path}.type`) ?? errorAt(errors, `${path}.keys`);
  const setType = (type: StepType) =>
    onChange({
      ...step,
      type,
      keys: type === 'user' && step.keys.length === 0 ? [{ uid: uid(), id: '' }] : step.keys,
    });
  return (
    <ItemCard class="step" label={label} {...position} error={stepError}>
      <SelectField label="Credentials" value={step.type} choices={credentials} onChange={setType} />
      {step.type === 'user' && (
        <div class="step-keys">
          <p class="field-hint">Keys are tried in this order; on a retryable failure the next key is used.</p>
          <EditableList
            items={step.keys}
            onChange={(stepKeys) => onChange({ ...step, keys: stepKeys })}
            path={`${path}.keys`}
            label={`${label} key`}
            addLabel="Add key"
            newItem={() => ({ uid: uid(), id: '' })}
            nested
          >
            {(key, place) => <KeyRow key={key.uid} stepKey={key} {...place} keys={keys} errors={errors} />}
          </EditableList>
        </div>
      )}
    </ItemCard>
  );
}

interface KeyRowProps extends ListItem<KeyDraft> {
  stepKey: KeyDraft;
  keys: ProviderKey[];
  errors: FieldDetails;
}

/** One provider key of a step, picked from the keys of the rule's provider. */
function KeyRow({ stepKey, path, label, keys, errors, onChange, ...position }: KeyRowProps) {
  return (
    <li class="key-row">
      {/* A key that no longer exists (or belongs to another provider) still shows, as SelectField keeps a gone choice. */}
      <SelectField
        label={`Key ${position.index + 1}`}
        blank="Choose a provider key…"
        choices={keys.map(keyChoice)}
        value={stepKey.id}
        error={errorUnder(errors, path)}
        onChange={(id) => onChange({ ...stepKey, id })}
      />
      <ListControls label={label.toLowerCase()} {...position} />
    </li>
  );
}
