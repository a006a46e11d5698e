import { useState } from 'preact/hooks';

/** Which of a page's dialogs is open, with what it acts on (`null` while none is). */
export interface DialogState<Open> {
  open: Open | null;
  show(open: Open): void;
  close(): void;
}

/** The open dialog of a page: `show({ dialog: 'rotate', key })`, and `close` for its onClose. */
export function useDialog<Open>(): DialogState<Open> {
  const [open, setOpen] = useState<Open | null>(null);
  return { open, show: setOpen, close: () => setOpen(null) };
}
