import { useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { CreditBalance, CreditTransaction, CreditTransactions, Me } from '../../api/types';
import { PageHeader } from '../../components/page-header';
import { Async, Empty } from '../../components/states';
import { formatCents, formatDate, formatDateTime, formatDay, formatUsd } from '../../lib/format';
import { useResource } from '../../lib/use-resource';
import { GrantCreditsDialog } from './grant-credits-dialog';

function usdOrCents(usd: string | undefined, cents: number | undefined): string {
  return usd !== undefined ? formatUsd(usd) : formatCents(cents);
}

function BalanceCards({ balance }: { balance: CreditBalance }) {
  return (
    <div class="stat-row">
      <div class="card stat">
        <p class="stat-label">Balance</p>
        <p class="stat-value">{usdOrCents(balance.balanceUsd, balance.balanceCents)}</p>
      </div>
      <div class="card stat">
        <p class="stat-label">Reserved by requests in flight</p>
        <p class="stat-value">{formatUsd(balance.reservedUsd)}</p>
      </div>
      <div class="card stat">
        <p class="stat-label">Available</p>
        <p class="stat-value">{formatUsd(balance.availableUsd)}</p>
      </div>
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
  const day = transaction.periodStart ? formatDay(transaction.periodStart) : '';
  if (transaction.type === 'usageInvoicePreview') return `Usage today, so far`;
  if (transaction.type === 'usageInvoice') return `Usage on ${day}`;
  return transaction.type;
}

/** Grants add credits; a day of usage takes them away. */
function amountOf(transaction: CreditTransaction): string {
  if (transaction.type === 'credits') return `+${usdOrCents(transaction.amountUsd, transaction.amountCents)}`;
  return `−${usdOrCents(transaction.totalUsd, transaction.totalCents)}`;
}

function TransactionsTable({ items }: { items: CreditTransaction[] }) {
  if (items.length === 0) {
    return (
      <Empty title="No credit grants yet">
        <p>
          Managed inference and the processing fee are paid from credits; BYOK traffic with no fee needs none.
        </p>
      </Empty>
    );
  }
  return (
    <table class="table">
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Transaction</th>
          <th scope="col" class="numeric">
            Amount
          </th>
          <th scope="col" class="numeric">
            Remaining
          </th>
          <th scope="col">Expires</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id ?? `${item.type}-${item.periodStart ?? item.createdAt}`}>
            <td>{formatDateTime(item.createdAt)}</td>
            <td>{describe(item)}</td>
            <td class="numeric">{amountOf(item)}</td>
            <td class="numeric">{item.type === 'credits' ? formatUsd(item.remainingUsd) : ''}</td>
            <td>{expiryOf(item)}</td>
          </tr>
        ))}
      </tbody>
    </table>
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
