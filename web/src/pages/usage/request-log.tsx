import { useState } from 'preact/hooks';
import { type ApiError, api, asApiError, pathOf } from '../../api/client';
import type { UsageEvent, UsageList } from '../../api/types';
import { GroupError } from '../../components/group-error';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { formatDateTime } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { CostCell, costColumn, ModelCell, StatusCell, TokensCell, tokensColumn } from './event-cells';
import { FirewallDecision } from './firewall-decision';
import { RequestAttemptsDialog } from './request-attempts-dialog';

interface RequestLogProps {
  startTime: string;
  keyNames: Map<string, string>;
}

/** One row per request (its final attempt); "Attempts" opens every attempt of it. */
export function RequestLog({ startTime, keyNames }: RequestLogProps) {
  const [resource, reload] = useResource(
    () =>
      api.get<UsageList>(`/usage?startTime=${encodeURIComponent(startTime)}&includeRetries=false&limit=50`),
    [startTime],
  );
  const [more, setMore] = useState<{
    events: UsageEvent[];
    next: string | null;
    error: ApiError | null;
  } | null>(null);
  const [openRequest, setOpenRequest] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const loadMore = async (uri: string) => {
    setLoadingMore(true);
    try {
      const page = await api.get<UsageList>(pathOf(uri));
      setMore((current) => ({
        events: [...(current?.events ?? []), ...page.aiGatewayUsage],
        next: page.nextPageUri,
        error: null,
      }));
    } catch (error: unknown) {
      setMore((current) => ({ events: current?.events ?? [], next: uri, error: asApiError(error) }));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Async
      resource={resource}
      onRetry={() => {
        setMore(null);
        reload();
      }}
    >
      {(first) => {
        const events = [...first.aiGatewayUsage, ...(more?.events ?? [])];
        const next = more ? more.next : first.nextPageUri;
        if (events.length === 0) return <Empty title="No requests in this period" />;
        return (
          <>
            <Table
              columns={[
                'Time',
                'Request',
                'Model',
                'Access key',
                'Status',
                'Firewall',
                tokensColumn,
                costColumn,
                { label: 'Details', hidden: true },
              ]}
              rows={events}
            >
              {(event) => (
                <tr key={event.id}>
                  <td>{formatDateTime(event.eventTime)}</td>
                  <td class="mono small">{event.requestId}</td>
                  <ModelCell event={event} />
                  <td>{event.accessKeyId ? (keyNames.get(event.accessKeyId) ?? event.accessKeyId) : '—'}</td>
                  <StatusCell event={event}>
                    {event.attemptNumber > 1 && (
                      <span class="muted small"> after {event.attemptNumber} attempts</span>
                    )}
                  </StatusCell>
                  <td>
                    <FirewallDecision event={event} />
                  </td>
                  <TokensCell event={event}>
                    {event.usageEstimated && <span class="muted small"> (est.)</span>}
                  </TokensCell>
                  <CostCell event={event} />
                  <td class="row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`Attempts of ${event.requestId}`}
                      onClick={() => setOpenRequest(event.requestId)}
                    >
                      Attempts
                    </button>
                  </td>
                </tr>
              )}
            </Table>
            <GroupError message={more?.error?.message} />
            {next && (
              <button type="button" class="button" disabled={loadingMore} onClick={() => void loadMore(next)}>
                {loadingMore ? 'Loading…' : 'Load more'}
              </button>
            )}
            {openRequest && (
              <RequestAttemptsDialog requestId={openRequest} onClose={() => setOpenRequest(null)} />
            )}
          </>
        );
      }}
    </Async>
  );
}
