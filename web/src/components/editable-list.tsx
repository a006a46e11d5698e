import type { ComponentChildren } from 'preact';
import { type ItemEdits, itemEdits } from '../lib/item-edits';
import { GroupError } from './group-error';

/** One item's editor props: its edits, and its names, numbered from its place in the list. */
export interface ListItem<T> extends ItemEdits<T> {
  /** The API's name for the item in error details, e.g. `router.rules[0].steps[1]`. */
  path: string;
  /** The item's name on screen, e.g. "Rule 1 step 2". */
  label: string;
}

interface EditableListProps<T extends { uid: number }> {
  items: readonly T[];
  onChange(items: T[]): void;
  /** The API's name for the list (`router.rules`); item `i` is `${path}[i]`. */
  path: string;
  /** What an item is called on screen (`Rule`); item `i` is `${label} ${i + 1}`. */
  label: string;
  /** Said while the list is empty, e.g. what an empty list means. */
  empty?: string;
  /** The API's message for the list as a whole. */
  error?: string | undefined;
  /** The add button's text, e.g. "Add rule". */
  addLabel: string;
  newItem(): T;
  /** The list's class besides `plain-list`, e.g. `rules`. */
  class?: string;
  /** A list inside another item (a rule's steps, a step's keys) gets a small add button. */
  nested?: boolean;
  /** One item's editor (an `<li>`), given its names and the edits that change the list. */
  children(item: T, place: ListItem<T>): ComponentChildren;
}

/** An ordered list edited in place: each item moves up or down and goes, and new ones are added at the end. */
export function EditableList<T extends { uid: number }>(props: EditableListProps<T>) {
  const { items, onChange, path, label } = props;
  return (
    <>
      {items.length === 0 && props.empty && <p class="muted small">{props.empty}</p>}
      <ol class={props.class ? `plain-list ${props.class}` : 'plain-list'}>
        {items.map((item, index) =>
          props.children(item, {
            ...itemEdits(items, index, onChange),
            path: `${path}[${index}]`,
            label: `${label} ${index + 1}`,
          }),
        )}
      </ol>
      <GroupError message={props.error} />
      <button
        type="button"
        class={props.nested ? 'button button-small' : 'button'}
        onClick={() => onChange([...items, props.newItem()])}
      >
        {props.addLabel}
      </button>
    </>
  );
}
