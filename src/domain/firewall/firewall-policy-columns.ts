import type { FirewallPolicyRow } from '../../store/schema.js';
import { type ColumnMap, jsonColumn, StoredFields, textColumn } from '../../store/stored-fields.js';
import {
  type FirewallMode,
  type FirewallPolicyCreate,
  type FirewallRule,
  firewallPolicySpec,
} from './firewall-policy-schema.js';

/**
 * The fields of `firewallPolicySpec` with columns of their own (all of them, so far); any other
 * field of the spec is kept in `attributes_json`. Mode and rules are written only from the spec's
 * validated values, so they are read back as such.
 */
const firewallPolicyColumns: ColumnMap<FirewallPolicyCreate, FirewallPolicyRow> = {
  name: textColumn('name'),
  description: textColumn('description'),
  mode: { write: (mode) => ({ mode }), read: (row) => row.mode as FirewallMode },
  rules: jsonColumn('rules_json', (row) => JSON.parse(row.rules_json) as FirewallRule[]),
};

export const firewallPolicyFields = new StoredFields(firewallPolicySpec, firewallPolicyColumns);
