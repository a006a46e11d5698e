import type { ComponentChildren } from 'preact';
import { useForm } from '../lib/use-form';
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
  // A form with no fields: its submission keeps the busy state and the API's refusal.
  const form = useForm({});
  return (
    <FormDialog
      form={form}
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
