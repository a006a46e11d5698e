import type { VirtualModel } from '../../api/types';
import { LinesField } from '../../components/lines-field';
import { RecordDialog } from '../../components/record-dialog';
import { TextField } from '../../components/text-field';
import { linesOf } from '../../lib/lines';
import { useForm } from '../../lib/use-form';

interface VirtualModelDialogProps {
  /** Undefined to create a new one. */
  virtualModel: VirtualModel | undefined;
  onSaved(): void;
  onClose(): void;
}

/** Creates or edits a virtual model: its name, description and targets (one per line, in order). */
export function VirtualModelDialog({ virtualModel, onSaved, onClose }: VirtualModelDialogProps) {
  const form = useForm({
    name: virtualModel?.name ?? '',
    description: virtualModel?.description ?? '',
    targets: (virtualModel?.targets ?? []).map((target) => target.model).join('\n'),
  });
  return (
    <RecordDialog
      form={form}
      collection="/virtual-models"
      record={virtualModel}
      creating={['New virtual model', 'Create virtual model']}
      bodyOf={() => {
        const { name, description, targets } = form.values;
        const text = description.trim();
        // An empty description clears a saved one (null) and is left out of a new one.
        const cleared = virtualModel ? { description: null } : {};
        return {
          name: name.trim(),
          targets: linesOf(targets).map((model) => ({ model })),
          ...(text === '' ? cleared : { description: text }),
        };
      }}
      onSaved={onSaved}
      onClose={onClose}
    >
      <TextField
        label="Name"
        hint="What clients send as model: letters, digits, . _ or -. Not a catalog model id."
        class="mono"
        required
        {...form.field('name')}
      />
      <TextField label="Description" {...form.field('description')} />
      <LinesField
        label="Targets"
        hint="One per line, tried in order: provider:model pins a provider, a bare catalog model lets the catalog pick it."
        {...form.field('targets')}
      />
    </RecordDialog>
  );
}
