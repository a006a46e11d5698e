interface RowActionProps {
  /** The button's text, e.g. "Delete". */
  children: string;
  /**
   * The row's name, e.g. "production": a screen reader then hears "Delete production" rather than a
   * column of identical "Delete"s.
   */
  subject?: string;
  /** Destructive actions (delete, revoke) read as such. */
  danger?: boolean;
  onClick(): void;
}

/** A small button acting on one row of a table; they sit in the row's `<td class="row-actions">`. */
export function RowAction({ children, subject, danger = false, onClick }: RowActionProps) {
  return (
    <button
      type="button"
      class={danger ? 'button button-small button-danger-quiet' : 'button button-small'}
      aria-label={subject === undefined ? undefined : `${children} ${subject}`}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
