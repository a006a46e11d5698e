import type { CollectionRef } from '../api/collections';

/**
 * A resource whose records are created and edited on pages of their own (configurations, firewall
 * policies): where they live, and what the list and the editor call them.
 */
export interface RecordPages<Row> {
  collection: CollectionRef<Row>;
  /** The list's route: `${route}/new` creates a record, `${route}/${id}` edits one. */
  route: string;
  /** One record, in the editor's title: "New firewall policy", "Edit firewall policy". */
  noun: string;
  /** The editor's link back to the list, e.g. "All firewall policies". */
  listLabel: string;
  /** The editor's submit button for a new record, e.g. "Create policy"; an edit's says "Save changes". */
  createLabel: string;
}
