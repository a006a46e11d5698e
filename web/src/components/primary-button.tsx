interface PrimaryButtonProps {
  /** The button's text, e.g. "New access key". */
  children: string;
  onClick(): void;
}

/** The one main action of a page, a section or a dialog's foot: New…, Add…, Done, Close. */
export function PrimaryButton({ children, onClick }: PrimaryButtonProps) {
  return (
    <button type="button" class="button button-primary" onClick={onClick}>
      {children}
    </button>
  );
}
