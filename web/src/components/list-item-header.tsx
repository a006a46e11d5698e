import { ListControls } from './list-controls';

export interface ListItemHeaderProps {
  /** The item's name as shown, e.g. "Rule 2"; its controls read it in lower case ("Move rule 2 up"). */
  label: string;
  /** A heading where the item is a section of the form (a rule), plain text where it sits inside one (a step). */
  heading?: boolean;
  index: number;
  count: number;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** The title line of one item of an editable list, with its order and removal buttons. */
export function ListItemHeader({ label, heading = false, ...controls }: ListItemHeaderProps) {
  return (
    <div class="item-header">
      {heading ? <h3 class="item-title">{label}</h3> : <span class="item-title">{label}</span>}
      <ListControls label={label.toLowerCase()} {...controls} />
    </div>
  );
}
