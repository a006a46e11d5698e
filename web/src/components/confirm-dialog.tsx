import type { ComponentChildren } from 'preact';
import { useSubmit } from '../lib/use-submit';
import { Dialog } from './dialog';
import { FormError } from './form-error';

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
    <Dialog title={title} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submission.run(async () => {
            await onConfirm();
            onClose();
          });
        }}
      >
        <div class="dialog-body">{children}</div>
        <FormError error={submission.error} />
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button button-danger" disabled={submission.busy}>
            {submission.busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
