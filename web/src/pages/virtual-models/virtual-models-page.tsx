import { useState } from 'preact/hooks';
import { listAll } from '../../api/client';
import type { VirtualModel } from '../../api/types';
import { DeleteDialog } from '../../components/delete-dialog';
import { EditDeleteActions } from '../../components/edit-delete-actions';
import { PageHeader } from '../../components/page-header';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { VirtualModelDialog } from './virtual-model-dialog';

type Open =
  | { dialog: 'none' }
  | { dialog: 'edit'; virtualModel: VirtualModel | undefined }
  | { dialog: 'delete'; virtualModel: VirtualModel };

/** Stable names that apps send as `model`, re-pointed here without redeploying them. */
export function VirtualModelsPage() {
  const [resource, reload] = useResource(
    () => listAll<VirtualModel>('/virtual-models', 'aiGatewayVirtualModels'),
    [],
  );
  const [open, setOpen] = useState<Open>({ dialog: 'none' });
  const close = () => setOpen({ dialog: 'none' });
  return (
    <>
      <PageHeader
        title="Virtual models"
        description="A name clients send as model, standing for an ordered list of target models. Edits apply on the next request."
        actions={
          <button
            type="button"
            class="button button-primary"
            onClick={() => setOpen({ dialog: 'edit', virtualModel: undefined })}
          >
            New virtual model
          </button>
        }
      />
      <Async resource={resource} onRetry={reload}>
        {(virtualModels) => (
          <Table
            columns={['Name', 'Targets, in order', 'Updated', { label: 'Actions', hidden: true }]}
            rows={virtualModels}
            empty={
              <Empty title="No virtual models yet">
                <p>Create one to give your apps a model name you can re-point at any time.</p>
              </Empty>
            }
          >
            {(virtualModel) => (
              <tr key={virtualModel.id}>
                <td>
                  <span class="mono">{virtualModel.name}</span>
                  {virtualModel.description && <div class="muted small">{virtualModel.description}</div>}
                </td>
                <td class="mono small">{virtualModel.targets.map((target) => target.model).join(' → ')}</td>
                <td>{formatDateTime(virtualModel.updatedAt)}</td>
                <EditDeleteActions
                  subject={virtualModel.name}
                  onEdit={() => setOpen({ dialog: 'edit', virtualModel })}
                  onDelete={() => setOpen({ dialog: 'delete', virtualModel })}
                />
              </tr>
            )}
          </Table>
        )}
      </Async>
      {open.dialog === 'edit' && (
        <VirtualModelDialog virtualModel={open.virtualModel} onSaved={reload} onClose={close} />
      )}
      {open.dialog === 'delete' && (
        <DeleteDialog
          title="Delete virtual model"
          confirmLabel="Delete virtual model"
          collection="/virtual-models"
          id={open.virtualModel.id}
          onDeleted={reload}
          onClose={close}
        >
          <p>
            Delete <strong>{open.virtualModel.name}</strong>? Requests that name it will fail with
            unknown_model from the next request on.
          </p>
        </DeleteDialog>
      )}
    </>
  );
}
