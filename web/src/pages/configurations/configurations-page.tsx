import type { Configuration } from '../../api/types';
import { Link } from '../../components/link';
import { NameCell } from '../../components/name-cell';
import { ResourcePage } from '../../components/resource-list';
import { deletionOf } from '../../components/resource-table';
import { Empty } from '../../components/states';
import { formatCents, formatDateTime } from '../../lib/format';
import { useCollection } from '../../lib/use-collection';

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

const deleteConfiguration = deletionOf<Configuration>(
  ['Delete', 'Delete configuration', 'Delete configuration'],
  'A configuration that an access key still uses cannot be deleted.',
);

/** Configurations: the scope, routing and limits shared by access keys. */
export function ConfigurationsPage() {
  const configurations = useCollection<Configuration>(
    '/access-key-configurations',
    'aiGatewayAccessKeyConfigurations',
  );
  return (
    <ResourcePage
      title="Configurations"
      description="What access keys may use (providers, models), how requests are routed, and their limits."
      createLabel="New configuration"
      editor={{ route: 'configurations' }}
      collection={configurations}
      columns={['Name', 'Scope', 'Router', 'Limits', 'Updated']}
      empty={
        <Empty title="No configurations yet">
          <p>Keys without a configuration may use every provider and model.</p>
        </Empty>
      }
      cells={(configuration) => (
        <>
          <NameCell description={configuration.description}>
            <Link route={`configurations/${configuration.id}`}>{configuration.name}</Link>
          </NameCell>
          <td>{scopeSummary(configuration)}</td>
          <td>{routerSummary(configuration)}</td>
          <td>{limitsSummary(configuration)}</td>
          <td>{formatDateTime(configuration.updatedAt)}</td>
        </>
      )}
      subject={(configuration) => configuration.name}
      deletion={deleteConfiguration}
    />
  );
}
