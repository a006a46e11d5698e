import type { VirtualModelRow } from '../../store/schema.js';
import { type ColumnMap, jsonColumn, StoredFields, textColumn } from '../../store/stored-fields.js';
import { type VirtualModelCreate, type VirtualModelTarget, virtualModelSpec } from './virtual-model-input.js';

/** The stored targets, in order. */
export function readTargets(row: Pick<VirtualModelRow, 'targets_json'>): VirtualModelTarget[] {
  const parsed: unknown = JSON.parse(row.targets_json);
  return Array.isArray(parsed) ? (parsed as VirtualModelTarget[]) : [];
}

/**
 * The fields of `virtualModelSpec` with columns of their own: the name (with its key, on which
 * the unique index is, so that names are unique in any case), the description and the targets.
 * Any other field of the spec is kept in `attributes_json`.
 */
export const virtualModelColumns: ColumnMap<VirtualModelCreate, VirtualModelRow> = {
  name: { write: (name) => ({ name, name_key: name.toLowerCase() }), read: (row) => row.name },
  description: textColumn('description'),
  targets: jsonColumn('targets_json', readTargets),
};

export const virtualModelFields = new StoredFields(virtualModelSpec, virtualModelColumns);
