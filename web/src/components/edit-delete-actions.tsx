import { RowAction } from './row-action';

interface EditDeleteActionsProps {
  /** The row's name, so a screen reader hears "Edit production", "Delete production". */
  subject: string;
  onEdit(): void;
  onDelete(): void;
}

/** The actions cell of a row that can be edited and deleted. */
export function EditDeleteActions({ subject, onEdit, onDelete }: EditDeleteActionsProps) {
  return (
    <td class="row-actions">
      <RowAction subject={subject} onClick={onEdit}>
        Edit
      </RowAction>
      <RowAction subject={subject} danger onClick={onDelete}>
        Delete
      </RowAction>
    </td>
  );
}
