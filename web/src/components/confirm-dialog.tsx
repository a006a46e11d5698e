import type { ComponentChildren } from 'preact';
import { useSubmit } from '../lib/use-submit';
import { FormDialog } from './form-dialog';

interface ConfirmDialogProps {
  title: string;
  children: ComponentChildren;
  confirmLabel: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}

/** Asks before a destructive action; the safe choice (Cancel) has focus first. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose }: ConfirmDialogProps) {
  const submission = useSubmit();
  return (
    <FormDialog
      form={submission}
      title={title}
      submitLabel={confirmLabel}
      busyLabel="Working…"
      danger
      onSubmit={onConfirm}
      onClose={onClose}
    >
      {children}
    </FormDialog>
  );
}
