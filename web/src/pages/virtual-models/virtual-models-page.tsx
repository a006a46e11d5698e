import type { VirtualModel } from '../../api/types';
import { NameCell } from '../../components/name-cell';
import { ResourcePage } from '../../components/resource-list';
import { deletionOf } from '../../components/resource-table';
import { Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useCollection } from '../../lib/use-collection';
import { VirtualModelDialog } from './virtual-model-dialog';

const deleteVirtualModel = deletionOf<VirtualModel>(
  ['Delete', 'Delete virtual model', 'Delete virtual model'],
  'Requests that name it will fail with unknown_model from the next request on.',
);

/** Stable names that apps send as `model`, re-pointed here without redeploying them. */
export function VirtualModelsPage() {
  const virtualModels = useCollection<VirtualModel>('/virtual-models', 'aiGatewayVirtualModels');
  return (
    <ResourcePage
      title="Virtual models"
      description="A name clients send as model, standing for an ordered list of target models. Edits apply on the next request."
      createLabel="New virtual model"
      editor={{
        dialog: (virtualModel, close) => (
          <VirtualModelDialog virtualModel={virtualModel} onSaved={virtualModels.reload} onClose={close} />
        ),
      }}
      collection={virtualModels}
      columns={['Name', 'Targets, in order', 'Updated']}
      empty={
        <Empty title="No virtual models yet">
          <p>Create one to give your apps a model name you can re-point at any time.</p>
        </Empty>
      }
      cells={(virtualModel) => (
        <>
          <NameCell description={virtualModel.description}>
            <span class="mono">{virtualModel.name}</span>
          </NameCell>
          <td class="mono small">{virtualModel.targets.map((target) => target.model).join(' → ')}</td>
          <td>{formatDateTime(virtualModel.updatedAt)}</td>
        </>
      )}
      subject={(virtualModel) => virtualModel.name}
      deletion={deleteVirtualModel}
    />
  );
}
