import { api } from '../../api/client';
import type { RequestAttempts } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { Async } from '../../components/states';
import { Table } from '../../components/table';
import { formatDateTime, formatNumber, formatUsd } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { ChargeBreakdown } from './charge-breakdown';
import { FirewallDecision } from './firewall-decision';
import { RequestCaptureView } from './request-capture-view';

/** Every upstream attempt of one request: which one served it, and why the others were retried. */
export function RequestAttemptsDialog({ requestId, onClose }: { requestId: string; onClose(): void }) {
  const [resource, reload] = useResource(
    () => api.get<RequestAttempts>(`/usage/requests/${encodeURIComponent(requestId)}`),
    [requestId],
  );
  return (
    <Dialog title={`Request ${requestId}`} onClose={onClose} wide>
      <div class="dialog-body">
        <Async resource={resource} onRetry={reload}>
          {({ attempts, capture }) => (
            <>
              {attempts[0]?.event.firewallPolicyId && (
                // One decision per request, written on each of its attempts.
                <p>
                  Firewall policy <span class="mono">{attempts[0].event.firewallPolicyId}</span>:{' '}
                  <FirewallDecision event={attempts[0].event} />
                </p>
              )}
              <Table
                columns={[
                  '#',
                  'Model',
                  'Key',
                  'Status',
                  'Outcome',
                  { label: 'Tokens in / out', numeric: true },
                  { label: 'Cost', numeric: true },
                  { label: 'Upstream time', numeric: true },
                ]}
                rows={attempts}
              >
                {({ event, served, retryAction, completion, upstreamDurationMs }) => (
                  <tr key={event.id}>
                    <td>{event.attemptNumber}</td>
                    <td class="mono small">
                      {event.provider}:{event.model}
                      {event.virtualModel && <div class="muted">via {event.virtualModel}</div>}
                      <div class="muted">{formatDateTime(event.eventTime)}</div>
                    </td>
                    <td>
                      {event.keySource === 'ngrok'
                        ? 'Managed'
                        : (event.providerKeyDisplayName ?? event.keySource ?? '—')}
                    </td>
                    <td>
                      <span class={event.isError ? 'badge badge-bad' : 'badge badge-good'}>
                        {event.statusCode}
                      </span>
                      {event.timedOut && <span class="muted small"> timed out</span>}
                    </td>
                    <td>
                      {served ? (
                        <strong>Served</strong>
                      ) : (
                        <span>{retryAction ? `Retried: ${retryAction}` : 'Failed'}</span>
                      )}
                      {completion && <div class="muted small">{completion}</div>}
                    </td>
                    <td class="numeric">
                      {formatNumber(event.inputTokens)} / {formatNumber(event.outputTokens)}
                    </td>
                    <td class="numeric">{formatUsd(event.totalCost)}</td>
                    <td class="numeric">
                      {upstreamDurationMs === null ? '—' : `${formatNumber(upstreamDurationMs)} ms`}
                    </td>
                  </tr>
                )}
              </Table>
              {attempts.map(({ event, charge }) =>
                charge ? (
                  <ChargeBreakdown key={event.id} attemptNumber={event.attemptNumber} charge={charge} />
                ) : null,
              )}
              {capture && <RequestCaptureView capture={capture} />}
            </>
          )}
        </Async>
      </div>
      <div class="dialog-actions">
        <button type="button" class="button button-primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
