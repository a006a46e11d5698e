import { useState } from 'preact/hooks';
import { api, listAll } from '../../api/client';
import type { Configuration } from '../../api/types';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Link } from '../../components/link';
import { PageHeader } from '../../components/page-header';
import { Async, Empty } from '../../components/states';
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
        {(configurations) =>
          configurations.length === 0 ? (
            <Empty title="No configurations yet">
              <p>Keys without a configuration may use every provider and model.</p>
            </Empty>
          ) : (
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Router</th>
                  <th scope="col">Limits</th>
                  <th scope="col">Updated</th>
                  <th scope="col">
                    <span class="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {configurations.map((configuration) => {
                  const rules = configuration.router?.rules?.length ?? 0;
                  return (
                    <tr key={configuration.id}>
                      <td>
                        <Link route={`configurations/${configuration.id}`}>{configuration.name}</Link>
                        {configuration.description && (
                          <div class="muted small">{configuration.description}</div>
                        )}
                      </td>
                      <td>{scopeSummary(configuration)}</td>
                      <td>{rules === 0 ? 'Defaults' : `${rules} rule${rules === 1 ? '' : 's'}`}</td>
                      <td>{limitsSummary(configuration)}</td>
                      <td>{formatDateTime(configuration.updatedAt)}</td>
                      <td class="row-actions">
                        <button
                          type="button"
                          class="button button-small"
                          aria-label={`Edit ${configuration.name}`}
                          onClick={() => navigate(`configurations/${configuration.id}`)}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          class="button button-small button-danger-quiet"
                          aria-label={`Delete ${configuration.name}`}
                          onClick={() => setDeleting(configuration)}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Async>
      {deleting && (
        <ConfirmDialog
          title="Delete configuration"
          confirmLabel="Delete configuration"
          onConfirm={async () => {
            await api.delete(`/access-key-configurations/${encodeURIComponent(deleting.id)}`);
            reload();
          }}
          onClose={() => setDeleting(null)}
        >
          <p>
            Delete <strong>{deleting.name}</strong>? A configuration that an access key still uses cannot be
            deleted.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
