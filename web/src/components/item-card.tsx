import type { ComponentChildren } from 'preact';
import { GroupError } from './group-error';
import { ListItemHeader, type ListItemHeaderProps } from './list-item-header';

interface ItemCardProps extends ListItemHeaderProps {
  /** The card's class (`rule`, `step`); `field-invalid` is added while the API has a message for the item. */
  class: string;
  /** The API's message about the item as a whole, under its fields. */
  error: string | undefined;
  /** The item's fields. */
  children: ComponentChildren;
  /** A list the item holds, under the message: a router rule's steps. */
  list?: ComponentChildren;
}

/** One item of an editable list (a rule, a step): its header with order and removal buttons, its fields, the API's message. */
export function ItemCard({ class: kind, error, children, list, ...header }: ItemCardProps) {
  return (
    <li class={error ? `${kind} field-invalid` : kind}>
      <ListItemHeader {...header} />
      {children}
      <GroupError message={error} />
      {list}
    </li>
  );
}
