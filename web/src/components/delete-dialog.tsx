import type { ComponentChildren } from 'preact';
import { api } from '../api/client';
import { ConfirmDialog } from './confirm-dialog';

interface DeleteDialogProps {
  title: string;
  confirmLabel: string;
  /** The collection's path, e.g. `/provider-keys`; the record is `${collection}/${id}`. */
  collection: string;
  id: string;
  /** Refreshes the list once the record is gone. */
  onDeleted(): void;
  onClose(): void;
  /** What will be deleted and what follows from it. */
  children: ComponentChildren;
}

/** Confirms, then deletes one record; a refusal (e.g. still in use) shows in the dialog. */
export function DeleteDialog({
  title,
  confirmLabel,
  collection,
  id,
  onDeleted,
  onClose,
  children,
}: DeleteDialogProps) {
  return (
    <ConfirmDialog
      title={title}
      confirmLabel={confirmLabel}
      onConfirm={async () => {
        await api.delete(`${collection}/${encodeURIComponent(id)}`);
        onDeleted();
      }}
      onClose={onClose}
    >
      {children}
    </ConfirmDialog>
  );
}
