import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import { errorAt, errorUnder } from '../../api/field-errors';
import type { VirtualModel } from '../../api/types';
import { FormDialog } from '../../components/form-dialog';
import { LinesField } from '../../components/lines-field';
import { TextField } from '../../components/text-field';

interface VirtualModelDialogProps {
  /** Undefined to create a new one. */
  virtualModel: VirtualModel | undefined;
  onSaved(): void;
  onClose(): void;
}

function targetsOf(text: string): Array<{ model: string }> {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((model) => ({ model }));
}

/** Creates or edits a virtual model: its name, description and targets (one per line, in order). */
export function VirtualModelDialog({ virtualModel, onSaved, onClose }: VirtualModelDialogProps) {
  const [name, setName] = useState(virtualModel?.name ?? '');
  const [description, setDescription] = useState(virtualModel?.description ?? '');
  const [targets, setTargets] = useState(
    (virtualModel?.targets ?? []).map((target) => target.model).join('\n'),
  );
  return (
    <FormDialog
      title={virtualModel ? `Edit ${virtualModel.name}` : 'New virtual model'}
      submitLabel={virtualModel ? 'Save' : 'Create virtual model'}
      busyLabel="Saving…"
      onSubmit={async () => {
        const body = { name: name.trim(), targets: targetsOf(targets) };
        const text = description.trim();
        if (virtualModel) {
          await api.patch(`/virtual-models/${encodeURIComponent(virtualModel.id)}`, {
            ...body,
            description: text === '' ? null : text,
          });
        } else {
          await api.post('/virtual-models', text === '' ? body : { ...body, description: text });
        }
        onSaved();
      }}
      onClose={onClose}
    >
      {(errors) => (
        <>
          <TextField
            label="Name"
            hint="What clients send as model: letters, digits, . _ or -. Not a catalog model id."
            error={errorAt(errors, 'name')}
            class="mono"
            required
            value={name}
            onChange={setName}
          />
          <TextField
            label="Description"
            error={errorAt(errors, 'description')}
            value={description}
            onChange={setDescription}
          />
          <LinesField
            label="Targets"
            hint="One per line, tried in order: provider:model pins a provider, a bare catalog model lets the catalog pick it."
            error={errorUnder(errors, 'targets')}
            value={targets}
            onChange={setTargets}
          />
        </>
      )}
    </FormDialog>
  );
}
