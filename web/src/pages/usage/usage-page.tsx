import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { collections, listOf } from '../../api/collections';
import type { UsageOverview } from '../../api/types';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page-header';
import { type Choice, SelectField } from '../../components/select-field';
import { Stat } from '../../components/stat';
import { Async, Empty } from '../../components/states';
import { formatNumber, formatUsd } from '../../lib/format';
import { keyLabel } from '../../lib/key-label';
import { useResource } from '../../lib/use-resource';
import { BarChart, ChartLegend } from './bar-chart';
import { daysOf, otherGroup, seriesOf } from './chart-series';
import { RequestLog } from './request-log';

type GroupBy = 'provider' | 'accessKey' | 'model';

const groupings: Array<Choice<GroupBy>> = [
  { value: 'provider', label: 'Provider' },
  { value: 'accessKey', label: 'Access key' },
  { value: 'model', label: 'Model' },
];

const ranges = [7, 14, 30, 90] as const;

/** Midnight UTC `days - 1` days ago: usage buckets are UTC days, so the window starts on one. */
function startOf(days: number): string {
  const start = new Date();
  start.setUTCHours(0, 0, 0, 0);
  start.setUTCDate(start.getUTCDate() - (days - 1));
  return start.toISOString();
}

function costLabel(value: number): string {
  return formatUsd(String(value));
}

/** Per-day cost and requests by provider, access key or model, and the request log of the same window. */
export function UsagePage() {
  const [days, setDays] = useState<number>(7);
  const [groupBy, setGroupBy] = useState<GroupBy>('provider');
  const startTime = useMemo(() => startOf(days), [days]);
  const [overview, reloadOverview] = useResource(
    () =>
      api.get<UsageOverview>(`/usage/overview?startTime=${encodeURIComponent(startTime)}&groupBy=${groupBy}`),
    [startTime, groupBy],
  );
  // Access key names for the "by access key" legend and the log; revoked keys fall back to their id.
  const [accessKeys] = useResource(() => listOf(collections.accessKeys), []);
  const keyNames = useMemo(() => {
    const names = new Map<string, string>();
    if (accessKeys.status === 'ready') for (const key of accessKeys.data) names.set(key.id, keyLabel(key));
    return names;
  }, [accessKeys]);
  const groupLabel = (group: string) =>
    group === otherGroup ? 'Other' : groupBy === 'accessKey' ? (keyNames.get(group) ?? group) : group;

  return (
    <>
      <PageHeader
        title="Usage"
        description="Requests served through the gateway, their tokens and cost (UTC days)."
      />
      <div class="toolbar">
        <Field label="Period">
          {(control) => (
            <select
              {...control}
              value={String(days)}
              onChange={(event) => setDays(Number(event.currentTarget.value))}
            >
              {ranges.map((range) => (
                <option key={range} value={String(range)}>
                  Last {range} days
                </option>
              ))}
            </select>
          )}
        </Field>
        <SelectField label="Group by" value={groupBy} choices={groupings} onChange={setGroupBy} />
      </div>
      <section class="section" aria-label="Usage per day">
        <Async resource={overview} onRetry={reloadOverview}>
          {(data) => {
            if (data.buckets.length === 0) {
              return (
                <Empty title="No usage in this period">
                  <p>Requests appear here once an access key calls the gateway.</p>
                </Empty>
              );
            }
            const series = seriesOf(data.buckets, daysOf(startTime));
            // Both charts share their days and groups, so bars line up and colours match the legend.
            const axes = { days: series.days, groups: series.groups, groupLabel };
            return (
              <>
                <div class="stat-row">
                  <Stat label="Cost">{formatUsd(data.totals.cost)}</Stat>
                  <Stat label="Requests">{formatNumber(data.totals.requests)}</Stat>
                  <Stat label="Errors">{formatNumber(data.totals.errors)}</Stat>
                </div>
                <div class="chart-row">
                  <BarChart
                    {...axes}
                    title="Cost per day"
                    values={series.cost}
                    format={costLabel}
                    emptyText="No cost: BYOK requests without a processing fee cost no credits"
                  />
                  <BarChart
                    {...axes}
                    title="Requests per day"
                    values={series.requests}
                    format={formatNumber}
                    integers
                    emptyText="No requests in this period"
                  />
                </div>
                <ChartLegend groups={series.groups} groupLabel={groupLabel} />
              </>
            );
          }}
        </Async>
      </section>
      <section class="section" aria-labelledby="log-title">
        <h2 id="log-title">Request log</h2>
        {/* Keyed by the period: pages loaded with "Load more" belong to the old one. */}
        <RequestLog key={startTime} startTime={startTime} keyNames={keyNames} />
      </section>
    </>
  );
}
