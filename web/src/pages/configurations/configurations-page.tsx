import type { Configuration } from '../../api/types';
import { editorLinkColumn, updatedColumn } from '../../components/record-columns';
import { type ResourceListing, ResourcePage } from '../../components/resource-list';
import { formatCents } from '../../lib/format';
import { configurationPages } from './configuration-pages';

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
const configurationsListing: ResourceListing<Configuration> = {
  collection: configurationPages.collection,
  title: 'Configurations',
  description: 'What access keys may use (providers, models), how requests are routed, and their limits.',
  createLabel: 'New configuration',
  editor: configurationPages,
  columns: [
    editorLinkColumn(configurationPages),
    { header: 'Scope', cell: scopeSummary },
    { header: 'Router', cell: routerSummary },
    { header: 'Limits', cell: limitsSummary },
    updatedColumn(),
  ],
  empty: {
    title: 'No configurations yet',
    text: 'Keys without a configuration may use every provider and model.',
  },
  deletion: {
    title: 'Delete configuration',
    confirmLabel: 'Delete configuration',
    describe: 'A configuration that an access key still uses cannot be deleted.',
  },
};

export function ConfigurationsPage() {
  return <ResourcePage listing={configurationsListing} />;
}
