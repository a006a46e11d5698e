import type { FirewallPolicy } from '../../api/types';
import { Link } from '../../components/link';
import { NameCell } from '../../components/name-cell';
import { ResourcePage } from '../../components/resource-list';
import { deletionOf } from '../../components/resource-table';
import { Empty } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { useCollection } from '../../lib/use-collection';

const deletePolicy = deletionOf<FirewallPolicy>(
  ['Delete', 'Delete firewall policy', 'Delete policy'],
  'A policy that a configuration still attaches cannot be deleted.',
);

/** Firewall policies: rules over the tools agents advertise and the tool calls models emit. */
export function FirewallPoliciesPage() {
  const policies = useCollection<FirewallPolicy>('/firewall-policies', 'firewallPolicies');
  return (
    <ResourcePage
      title="Firewall"
      description="Policies that block or strip tools by name or by their arguments. Attach one to a configuration."
      createLabel="New policy"
      editor={{ route: 'firewall' }}
      collection={policies}
      columns={['Name', 'Mode', 'Rules', 'Updated']}
      empty={
        <Empty title="No firewall policies yet">
          <p>Without a policy, every tool and tool call passes.</p>
        </Empty>
      }
      cells={(policy) => (
        <>
          <NameCell description={policy.description}>
            <Link route={`firewall/${policy.id}`}>{policy.name}</Link>
          </NameCell>
          <td>
            <span class={policy.mode === 'enforce' ? 'badge badge-good' : 'badge'}>
              {policy.mode === 'enforce' ? 'Enforce' : 'Dry run'}
            </span>
          </td>
          <td>{policy.rules.map((rule) => `${rule.name} (${rule.action})`).join(', ') || 'None'}</td>
          <td>{formatDateTime(policy.updatedAt)}</td>
        </>
      )}
      subject={(policy) => policy.name}
      deletion={deletePolicy}
    />
  );
}
