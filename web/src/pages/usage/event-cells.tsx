import type { ComponentChildren } from 'preact';
import type { UsageEvent } from '../../api/types';
import type { Column } from '../../components/table';
import { formatNumber, formatUsd } from '../../lib/format';

/**
 * The cells the request log and a request's attempts share, so one usage event reads the same in
 * both. Each takes what its table adds under the value (a time, a note) as children.
 */

export const tokensColumn: Column = { label: 'Tokens in / out', numeric: true };
export const costColumn: Column = { label: 'Cost', numeric: true };

interface EventCellProps {
  event: UsageEvent;
  children?: ComponentChildren;
}

/** `provider:model`, and the virtual model the client named, if any. */
export function ModelCell({ event, children }: EventCellProps) {
  return (
    <td class="mono small">
      {event.provider}:{event.model}
      {event.virtualModel && <div class="muted">via {event.virtualModel}</div>}
      {children}
    </td>
  );
}

/** The HTTP status, green or red. */
export function StatusCell({ event, children }: EventCellProps) {
  return (
    <td>
      <span class={event.isError ? 'badge badge-bad' : 'badge badge-good'}>{event.statusCode}</span>
      {children}
    </td>
  );
}

export function TokensCell({ event, children }: EventCellProps) {
  return (
    <td class="numeric">
      {formatNumber(event.inputTokens)} / {formatNumber(event.outputTokens)}
      {children}
    </td>
  );
}

export function CostCell({ event }: EventCellProps) {
  return <td class="numeric">{formatUsd(event.totalCost)}</td>;
}
