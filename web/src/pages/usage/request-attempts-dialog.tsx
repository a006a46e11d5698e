import { api } from '../../api/client';
import type { RequestAttempts } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { PrimaryButton } from '../../components/primary-button';
import { Async } from '../../components/states';
import { Table } from '../../components/table';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { ChargeBreakdown } from './charge-breakdown';
import { CostCell, costColumn, ModelCell, StatusCell, TokensCell, tokensColumn } from './event-cells';
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
                  tokensColumn,
                  costColumn,
                  { label: 'Upstream time', numeric: true },
                ]}
                rows={attempts}
              >
                {({ event, served, retryAction, completion, upstreamDurationMs }) => (
                  <tr key={event.id}>
                    <td>{event.attemptNumber}</td>
                    <ModelCell event={event}>
                      <div class="muted">{formatDateTime(event.eventTime)}</div>
                    </ModelCell>
                    <td>
                      {event.keySource === 'ngrok'
                        ? 'Managed'
                        : (event.providerKeyDisplayName ?? event.keySource ?? '—')}
                    </td>
                    <StatusCell event={event}>
                      {event.timedOut && <span class="muted small"> timed out</span>}
                    </StatusCell>
                    <td>
                      {served ? (
                        <strong>Served</strong>
                      ) : (
                        <span>{retryAction ? `Retried: ${retryAction}` : 'Failed'}</span>
                      )}
                      {completion && <div class="muted small">{completion}</div>}
                    </td>
                    <TokensCell event={event} />
                    <CostCell event={event} />
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
        <PrimaryButton onClick={onClose}>Close</PrimaryButton>
      </div>
    </Dialog>
  );
}
