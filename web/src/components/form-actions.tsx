import type { ComponentChildren } from 'preact';

interface FormActionsProps {
  /** True while the submit is in flight: the button is disabled and says `busyLabel`. */
  busy: boolean;
  submitLabel: string;
  busyLabel?: string;
  /** Destructive actions get a red submit button. */
  danger?: boolean;
  /** Leaves the form unsaved; without it there is no Cancel button. */
  onCancel?: () => void;
  /** `dialog-actions` at the foot of a dialog, `form-actions` under a page's form. */
  class?: string;
  /** Shown before the buttons, e.g. a "Saved." status. */
  children?: ComponentChildren;
}

/** A form's closing row: Cancel where the form can be left, then submit. */
export function FormActions({
  busy,
  submitLabel,
  busyLabel = 'Saving…',
  danger = false,
  onCancel,
  class: className = 'form-actions',
  children,
}: FormActionsProps) {
  return (
    <div class={className}>
      {children}
      {onCancel && (
        <button type="button" class="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      <button type="submit" class={danger ? 'button button-danger' : 'button button-primary'} disabled={busy}>
        {busy ? busyLabel : submitLabel}
      </button>
    </div>
  );
}
