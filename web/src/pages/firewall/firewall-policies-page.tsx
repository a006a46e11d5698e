import type { FirewallPolicy } from '../../api/types';
import { editorLinkColumn, updatedColumn } from '../../components/record-columns';
import { type ResourceListing, ResourcePage } from '../../components/resource-list';
import { policyPages } from './policy-pages';

function ModeBadge({ mode }: Pick<FirewallPolicy, 'mode'>) {
  return mode === 'enforce' ? (
    <span class="badge badge-good">Enforce</span>
  ) : (
    <span class="badge">Dry run</span>
  );
}

function rulesSummary(policy: FirewallPolicy): string {
  return policy.rules.map((rule) => `${rule.name} (${rule.action})`).join(', ') || 'None';
}

/** Firewall policies: rules over the tools agents advertise and the tool calls models emit. */
const policiesListing: ResourceListing<FirewallPolicy> = {
  collection: policyPages.collection,
  title: 'Firewall',
  description:
    'Policies that block or strip tools by name or by their arguments. Attach one to a configuration.',
  createLabel: 'New policy',
  editor: policyPages,
  columns: [
    editorLinkColumn(policyPages),
    { header: 'Mode', cell: (policy) => <ModeBadge mode={policy.mode} /> },
    { header: 'Rules', cell: rulesSummary },
    updatedColumn(),
  ],
  empty: { title: 'No firewall policies yet', text: 'Without a policy, every tool and tool call passes.' },
  deletion: {
    title: 'Delete firewall policy',
    confirmLabel: 'Delete policy',
    describe: 'A policy that a configuration still attaches cannot be deleted.',
  },
};

export function FirewallPoliciesPage() {
  return <ResourcePage listing={policiesListing} />;
}
