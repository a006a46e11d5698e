import { collections } from '../../api/collections';
import type { VirtualModel } from '../../api/types';
import { RecordName, updatedColumn } from '../../components/record-columns';
import { type ResourceListing, ResourcePage } from '../../components/resource-list';
import { virtualModelDialog } from './virtual-model-dialog';

/** Stable names that apps send as `model`, re-pointed here without redeploying them. */
const virtualModelsListing: ResourceListing<VirtualModel> = {
  collection: collections.virtualModels,
  title: 'Virtual models',
  description:
    'A name clients send as model, standing for an ordered list of target models. Edits apply on the next request.',
  createLabel: 'New virtual model',
  editor: { dialog: virtualModelDialog },
  columns: [
    {
      header: 'Name',
      cell: (virtualModel) => (
        <RecordName record={virtualModel}>
          <span class="mono">{virtualModel.name}</span>
        </RecordName>
      ),
    },
    {
      header: 'Targets, in order',
      class: 'mono small',
      cell: (virtualModel) => virtualModel.targets.map((target) => target.model).join(' → '),
    },
    updatedColumn(),
  ],
  empty: {
    title: 'No virtual models yet',
    text: 'Create one to give your apps a model name you can re-point at any time.',
  },
  deletion: {
    title: 'Delete virtual model',
    confirmLabel: 'Delete virtual model',
    describe: 'Requests that name it will fail with unknown_model from the next request on.',
  },
};

export function VirtualModelsPage() {
  return <ResourcePage listing={virtualModelsListing} />;
}
