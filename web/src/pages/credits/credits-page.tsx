import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { CreditBalance, CreditTransaction, CreditTransactions, Me } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { Stat } from '../../components/stat';
import { Async, Empty } from '../../components/states';
import { Table } from '../../components/table';
import { formatCents, formatDate, formatDateTime, formatDay, formatUsd } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { GrantCreditsDialog } from './grant-credits-dialog';

function usdOrCents(usd: string | undefined, cents: number | undefined): string {
  return usd !== undefined ? formatUsd(usd) : formatCents(cents);
}

function BalanceCards({ balance }: { balance: CreditBalance }) {
  return (
    <div class="stat-row">
      <Stat label="Balance">{usdOrCents(balance.balanceUsd, balance.balanceCents)}</Stat>
      <Stat label="Reserved by requests in flight">{formatUsd(balance.reservedUsd)}</Stat>
      <Stat label="Available">{formatUsd(balance.availableUsd)}</Stat>
    </div>
  );
}

function expiryOf(transaction: CreditTransaction): string {
  if (transaction.type !== 'credits') return '—';
  if (!transaction.expiresAt) return 'Never';
  const expired = transaction.expiredAt != null || new Date(transaction.expiresAt).getTime() < Date.now();
  return `${formatDate(transaction.expiresAt)}${expired ? ' (expired)' : ''}`;
}

function describe(transaction: CreditTransaction): string {
  if (transaction.type === 'credits') return `Grant (${transaction.category ?? 'credits'})`;
  if (transaction.type === 'usageInvoicePreview') return `Usage today, so far`;
  return `Usage on ${formatDay(transaction.periodStart)}`;
}

/** A grant is its id; a day of usage has none, and is told apart by its kind and day (today's preview). */
function rowKey(transaction: CreditTransaction): string {
  return transaction.type === 'credits' ? transaction.id : `${transaction.type}-${transaction.periodStart}`;
}

/** Grants add credits; a day of usage takes them away. */
function amountOf(transaction: CreditTransaction): string {
  if (transaction.type === 'credits') return `+${usdOrCents(transaction.amountUsd, transaction.amountCents)}`;
  return `−${usdOrCents(transaction.totalUsd, transaction.totalCents)}`;
}

function TransactionsTable({ items }: { items: CreditTransaction[] }) {
  return (
    <Table
      columns={[
        'Date',
        'Transaction',
        { label: 'Amount', numeric: true },
        { label: 'Remaining', numeric: true },
        'Expires',
      ]}
      rows={items}
      empty={
        <Empty title="No credit grants yet">
          <p>
            Managed inference and the processing fee are paid from credits; BYOK traffic with no fee needs
            none.
          </p>
        </Empty>
      }
    >
      {(item) => (
        <tr key={rowKey(item)}>
          <td>{formatDateTime(item.createdAt)}</td>
          <td>{describe(item)}</td>
          <td class="numeric">{amountOf(item)}</td>
          <td class="numeric">{item.type === 'credits' ? formatUsd(item.remainingUsd) : ''}</td>
          <td>{expiryOf(item)}</td>
        </tr>
      )}
    </Table>
  );
}

/** The account's credits: balance, what requests in flight hold, and the grants with their expiry. */
export function CreditsPage({ me }: { me: Me }) {
  const [balance, reloadBalance] = useResource(() => api.get<CreditBalance>('/credits/balance'), []);
  const [transactions, reloadTransactions] = useResource(
    () => api.get<CreditTransactions>('/credits/transactions'),
    [],
  );
  const [granting, setGranting] = useState(false);
  return (
    <>
      <PageHeader
        title="Credits"
        description="Credits pay for managed inference and the processing fee."
        actions={
          me.isOperator && (
            <button type="button" class="button button-primary" onClick={() => setGranting(true)}>
              Grant credits
            </button>
          )
        }
      />
      <section class="section" aria-label="Balance">
        <Async resource={balance} onRetry={reloadBalance}>
          {(data) => <BalanceCards balance={data} />}
        </Async>
      </section>
      <section class="section" aria-labelledby="transactions-title">
        <h2 id="transactions-title">Grants and transactions</h2>
        <Async resource={transactions} onRetry={reloadTransactions}>
          {(data) => <TransactionsTable items={data.items} />}
        </Async>
      </section>
      {granting && (
        <GrantCreditsDialog
          me={me}
          onGranted={() => {
            reloadBalance();
            reloadTransactions();
          }}
          onClose={() => setGranting(false)}
        />
      )}
    </>
  );
}
