import type { ComponentChildren } from 'preact';

interface NameCellProps {
  /** The record's name as shown: plain text, or a link to its editor. */
  children: ComponentChildren;
  description?: string | undefined;
}

/** The first cell of a row: the record's name, with its description (if any) under it. */
export function NameCell({ children, description }: NameCellProps) {
  return (
    <td>
      {children}
      {description && <div class="muted small">{description}</div>}
    </td>
  );
}
