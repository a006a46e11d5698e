import type { VirtualModel } from '../../api/types';
import { LinesField } from '../../components/lines-field';
import type { DialogEditor } from '../../components/record-dialog';
import { TextField } from '../../components/text-field';
import { linesOf } from '../../lib/lines';

/** A virtual model as the form holds it: its targets one per line, in order. */
function virtualModelDraft(virtualModel: VirtualModel | undefined) {
  return {
    name: virtualModel?.name ?? '',
    description: virtualModel?.description ?? '',
    targets: (virtualModel?.targets ?? []).map((target) => target.model).join('\n'),
  };
}

/** Creates or edits a virtual model: its name, description and targets (one per line, in order). */
export const virtualModelDialog: DialogEditor<VirtualModel, ReturnType<typeof virtualModelDraft>> = {
  creating: ['New virtual model', 'Create virtual model'],
  draftOf: virtualModelDraft,
  bodyOf: ({ name, description, targets }, isUpdate) => {
    const text = description.trim();
    // An empty description clears a saved one (null) and is left out of a new one.
    const cleared = isUpdate ? { description: null } : {};
    return {
      name: name.trim(),
      targets: linesOf(targets).map((model) => ({ model })),
      ...(text === '' ? cleared : { description: text }),
    };
  },
  fields: (form) => (
    <>
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
    </>
  ),
};
