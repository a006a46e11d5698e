import { useState } from 'preact/hooks';
import { listAll } from '../../api/client';
import type { FirewallPolicy } from '../../api/types';
import { DeleteDialog } from '../../components/delete-dialog';
import { Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { RowAction } from '../../components/row-action';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';

/** Firewall policies: rules over the tools agents advertise and the tool calls models emit. */
export function FirewallPoliciesPage() {
  const [resource, reload] = useResource(
    () => listAll<FirewallPolicy>('/firewall-policies', 'firewallPolicies'),
    [],
  );
  const [deleting, setDeleting] = useState<FirewallPolicy | null>(null);
  return (
    <>
      <PageHeader
        title="Firewall"
        description="Policies that block or strip tools by name or by their arguments. Attach one to a configuration."
        actions={
          <button type="button" class="button button-primary" onClick={() => navigate('firewall/new')}>
            New policy
          </button>
        }
      />
      <Async resource={resource} onRetry={reload}>
        {(policies) => (
          <Table
            columns={['Name', 'Mode', 'Rules', 'Updated', { label: 'Actions', hidden: true }]}
            rows={policies}
            empty={
              <Empty title="No firewall policies yet">
                <p>Without a policy, every tool and tool call passes.</p>
              </Empty>
            }
          >
            {(policy) => (
              <tr key={policy.id}>
                <td>
                  <Link route={`firewall/${policy.id}`}>{policy.name}</Link>
                  {policy.description && <div class="muted small">{policy.description}</div>}
                </td>
                <td>
                  <span class={policy.mode === 'enforce' ? 'badge badge-good' : 'badge'}>
                    {policy.mode === 'enforce' ? 'Enforce' : 'Dry run'}
                  </span>
                </td>
                <td>{policy.rules.map((rule) => `${rule.name} (${rule.action})`).join(', ') || 'None'}</td>
                <td>{formatDateTime(policy.updatedAt)}</td>
                <td class="row-actions">
                  <RowAction subject={policy.name} onClick={() => navigate(`firewall/${policy.id}`)}>
                    Edit
                  </RowAction>
                  <RowAction subject={policy.name} danger onClick={() => setDeleting(policy)}>
                    Delete
                  </RowAction>
                </td>
              </tr>
            )}
          </Table>
        )}
      </Async>
      {deleting && (
        <DeleteDialog
          title="Delete firewall policy"
          confirmLabel="Delete policy"
          collection="/firewall-policies"
          id={deleting.id}
          onDeleted={reload}
          onClose={() => setDeleting(null)}
        >
          <p>
            Delete <strong>{deleting.name}</strong>? A policy that a configuration still attaches cannot be
            deleted.
          </p>
        </DeleteDialog>
      )}
    </>
  );
}
