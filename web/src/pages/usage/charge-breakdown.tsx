import type { Charge, ChargeComponentName } from '../../api/types';
import { Table } from '../../components/table';
import { formatNumber } from '../../lib/format';

const rows: ReadonlyArray<{ name: ChargeComponentName; label: string }> = [
  { name: 'input', label: 'Input' },
  { name: 'cachedInput', label: 'Cached input (cache reads)' },
  { name: 'cacheWrite5m', label: 'Cache writes, 5 minutes' },
  { name: 'cacheWrite1h', label: 'Cache writes, 1 hour' },
  { name: 'output', label: 'Output' },
  { name: 'reasoning', label: 'Reasoning (priced as output)' },
  { name: 'fee', label: 'Processing fee (all tokens)' },
];

/** The unit price a component was charged at: reasoning is output. */
function unitPrice(charge: Charge, name: ChargeComponentName): string | null {
  return charge.unitPricesPerMTok[name === 'reasoning' ? 'output' : name];
}

/** One attempt's charge, component by component, at the prices it was charged at (not today's). */
export function ChargeBreakdown({ attemptNumber, charge }: { attemptNumber: number; charge: Charge }) {
  const shown = rows.filter(
    ({ name }) => charge.components[name].tokens > 0 || charge.components[name].costNanoUsd > 0,
  );
  return (
    <section class="charge-breakdown" aria-label={`Attempt ${attemptNumber} charge`}>
      <h3 class="small">
        Attempt {attemptNumber} charge
        {charge.effectiveFrom && <span class="muted"> · prices effective {charge.effectiveFrom}</span>}
        {charge.tier && (
          <span class="muted">
            {' '}
            · long-context tier (input above {formatNumber(charge.tier.aboveInputTokens)} tokens)
          </span>
        )}
      </h3>
      <Table
        columns={[
          'Component',
          { label: 'Tokens', numeric: true },
          { label: 'USD per 1M tokens', numeric: true },
          { label: 'Cost (USD)', numeric: true },
        ]}
        rows={shown}
      >
        {({ name, label }) => (
          <tr key={name}>
            <td>{label}</td>
            <td class="numeric">{formatNumber(charge.components[name].tokens)}</td>
            <td class="numeric mono">{unitPrice(charge, name) ?? '—'}</td>
            <td class="numeric mono">{charge.components[name].cost}</td>
          </tr>
        )}
      </Table>
    </section>
  );
}
