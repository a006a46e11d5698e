import { collections } from '../../api/collections';
import type { FirewallPolicy } from '../../api/types';
import type { RecordPages } from '../../components/record-pages';

/** Firewall policies are listed at `firewall` and edited on a page each. */
export const policyPages: RecordPages<FirewallPolicy> = {
  collection: collections.firewallPolicies,
  route: 'firewall',
  noun: 'firewall policy',
  listLabel: 'All firewall policies',
  createLabel: 'Create policy',
};
