/** What an editor of one item of an ordered list needs: where it stands, and how it changes the list. */
export interface ItemEdits<T> {
  index: number;
  count: number;
  onChange(item: T): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
}

/** Moves one item up (-1) or down (+1), returning a new list. */
function move<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const target = index + delta;
  if (target < 0 || target >= items.length) return [...items];
  const copy = [...items];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(target, 0, item);
  return copy;
}

/**
 * The edits of the item at `index` (rules, steps, keys), each answered with the whole new list:
 * `<RuleEditor rule={rule} {...itemEdits(rules, index, (rules) => change({ rules }))} />`.
 */
export function itemEdits<T>(
  items: readonly T[],
  index: number,
  onChange: (items: T[]) => void,
): ItemEdits<T> {
  return {
    index,
    count: items.length,
    onChange: (changed) => onChange(items.map((entry, position) => (position === index ? changed : entry))),
    onMove: (delta) => onChange(move(items, index, delta)),
    onRemove: () => onChange(items.filter((_, position) => position !== index)),
  };
}
