import { useState } from 'preact/hooks';
import { listAll } from '../../api/client';
import type { Configuration } from '../../api/types';
import { DeleteDialog } from '../../components/delete-dialog';
import { Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { RowAction } from '../../components/row-action';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { formatCents, formatDateTime } from '../../lib/format';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';

function scopeSummary(configuration: Configuration): string {
  const providers = configuration.access?.providers?.allow;
  const models = configuration.access?.models?.allow;
  const parts = [
    providers === undefined
      ? 'all providers'
      : `${providers.length} provider${providers.length === 1 ? '' : 's'}`,
    models === undefined ? 'all models' : `${models.length} model${models.length === 1 ? '' : 's'}`,
  ];
  return parts.join(', ');
}

function routerSummary(configuration: Configuration): string {
  const rules = configuration.router?.rules?.length ?? 0;
  return rules === 0 ? 'Defaults' : `${rules} rule${rules === 1 ? '' : 's'}`;
}

function limitsSummary(configuration: Configuration): string {
  const limits = configuration.limits;
  if (!limits) return 'None';
  const parts: string[] = [];
  if (limits.requestsPerMinute) parts.push(`${limits.requestsPerMinute} req/min`);
  if (limits.tokensPerMinute) parts.push(`${limits.tokensPerMinute} tok/min`);
  if (limits.spend) parts.push(`${formatCents(limits.spend.amountCents)} / ${limits.spend.period}`);
  return parts.length > 0 ? parts.join(', ') : 'None';
}

/** Configurations: the scope, routing and limits shared by access keys. */
export function ConfigurationsPage() {
  const [resource, reload] = useResource(
    () => listAll<Configuration>('/access-key-configurations', 'aiGatewayAccessKeyConfigurations'),
    [],
  );
  const [deleting, setDeleting] = useState<Configuration | null>(null);
  return (
    <>
      <PageHeader
        title="Configurations"
        description="What access keys may use (providers, models), how requests are routed, and their limits."
        actions={
          <button type="button" class="button button-primary" onClick={() => navigate('configurations/new')}>
            New configuration
          </button>
        }
      />
      <Async resource={resource} onRetry={reload}>
        {(configurations) => (
          <Table
            columns={['Name', 'Scope', 'Router', 'Limits', 'Updated', { label: 'Actions', hidden: true }]}
            rows={configurations}
            empty={
              <Empty title="No configurations yet">
                <p>Keys without a configuration may use every provider and model.</p>
              </Empty>
            }
          >
            {(configuration) => (
              <tr key={configuration.id}>
                <td>
                  <Link route={`configurations/${configuration.id}`}>{configuration.name}</Link>
                  {configuration.description && <div class="muted small">{configuration.description}</div>}
                </td>
                <td>{scopeSummary(configuration)}</td>
                <td>{routerSummary(configuration)}</td>
                <td>{limitsSummary(configuration)}</td>
                <td>{formatDateTime(configuration.updatedAt)}</td>
                <td class="row-actions">
                  <RowAction
                    subject={configuration.name}
                    onClick={() => navigate(`configurations/${configuration.id}`)}
                  >
                    Edit
                  </RowAction>
                  <RowAction subject={configuration.name} danger onClick={() => setDeleting(configuration)}>
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
          title="Delete configuration"
          confirmLabel="Delete configuration"
          collection="/access-key-configurations"
          id={deleting.id}
          onDeleted={reload}
          onClose={() => setDeleting(null)}
        >
          <p>
            Delete <strong>{deleting.name}</strong>? A configuration that an access key still uses cannot be
            deleted.
          </p>
        </DeleteDialog>
      )}
    </>
  );
}
