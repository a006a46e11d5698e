interface ListControlsProps {
  /** What the item is called to a screen reader, e.g. "rule 2". */
  label: string;
  index: number;
  count: number;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** Order and removal buttons for one item of an editable list. */
export function ListControls({ label, index, count, onMove, onRemove }: ListControlsProps) {
  return (
    <div class="list-controls">
      <button
        type="button"
        class="button button-small"
        aria-label={`Move ${label} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => onMove(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        class="button button-small"
        aria-label={`Move ${label} down`}
        title="Move down"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
      >
        ↓
      </button>
      <button
        type="button"
        class="button button-small button-danger-quiet"
        aria-label={`Remove ${label}`}
        onClick={onRemove}
      >
        Remove
      </button>
    </div>
  );
}
