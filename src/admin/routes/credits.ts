import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { creditCategories } from '../../domain/credits/credit-categories.js';
import type { CreditLedger } from '../../domain/credits/credit-ledger.js';
import { formatNanoUsd, nanoPerCent } from '../../domain/usage/usd-decimal.js';
import type { Store } from '../../store/connect.js';
import type { CreditGrantRow } from '../../store/schema.js';
import { callerOf } from '../admin-context.js';
import { member } from '../resource-views.js';
import type {
  CreditBalance,
  CreditGrant,
  CreditTransactionList,
  UsageInvoice,
  UsageInvoicePreview,
} from '../schemas/credit-schemas.js';

/** Cents as the reference types them (integers, rounded down); exact USD strings beside them. */
function cents(nano: number): number {
  return Math.floor(nano / nanoPerCent);
}

function usd(nano: number): string {
  return formatNanoUsd(nano, 9);
}

/** A grant as the reference's `credits` transaction, plus what is left of it and its expiry. */
export function grantView(row: CreditGrantRow): CreditGrant {
  return {
    type: 'credits' as const,
    id: row.id,
    amountCents: cents(row.amount_nano_usd),
    amountUsd: usd(row.amount_nano_usd),
    category: member(creditCategories, row.category, 'credit_grants.category'),
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    remainingUsd: usd(row.remaining_nano_usd),
    expiredCents: cents(Number(row.expired_nano_usd)),
    expiredAt: row.expired_at,
  };
}

/** A UTC day of usage paid from credits: a past day is an invoice, today its preview. */
function dayOfUsage(day: string, spentNano: number, today: string): UsageInvoice | UsageInvoicePreview {
  const periodStart = `${day}T00:00:00.000Z`;
  const periodEnd = new Date(Date.parse(periodStart) + 86_400_000).toISOString();
  const amounts = {
    periodStart,
    periodEnd,
    totalCents: cents(spentNano),
    totalUsd: usd(spentNano),
    appliedCreditsCents: cents(spentNano),
    amountDueCents: 0,
    amountPaidCents: 0,
    amountRemainingCents: 0,
  };
  if (day === today) {
    return { type: 'usageInvoicePreview', createdAt: new Date().toISOString(), ...amounts };
  }
  return { type: 'usageInvoice', invoiceUrl: null, createdAt: periodEnd, ...amounts };
}

/** `/credits/balance` and `/credits/transactions` for the caller's account. */
export function registerCreditRoutes(app: FastifyInstance, store: Store, ledger: CreditLedger): void {
  app.get('/credits/balance', async (request): Promise<CreditBalance> => {
    const caller = callerOf(request);
    // Expired grants leave the balance before it is read, not only at the next upkeep.
    await ledger.expireGrants();
    const { balanceNanoUsd, reservedNanoUsd } = await ledger.balance(caller.accountId);
    return {
      balanceCents: cents(balanceNanoUsd),
      balanceUsd: usd(balanceNanoUsd),
      reservedUsd: usd(reservedNanoUsd),
      availableUsd: usd(balanceNanoUsd - reservedNanoUsd),
    };
  });

  /**
   * Newest first: grants (with their expiry) and one entry per UTC day of usage — days gone
   * as `usageInvoice`, today as `usageInvoicePreview` — paid entirely from credits.
   */
  app.get('/credits/transactions', async (request): Promise<CreditTransactionList> => {
    const caller = callerOf(request);
    const grants = (await ledger.grants(caller.accountId)).map(grantView);
    const days = await store.db
      .selectFrom('ledger_entries')
      .select([
        sql<string>`substr(created_at, 1, 10)`.as('day'),
        (eb) => eb.fn.sum<number | string>('amount_nano_usd').as('total'),
      ])
      .where('account_id', '=', caller.accountId)
      // An overdraft is usage too: the part of a request's cost above its hold.
      .where('kind', 'in', ['usage', 'overdraft'])
      .groupBy(sql`substr(created_at, 1, 10)`)
      .execute();
    const today = new Date().toISOString().slice(0, 10);
    const usage = days.map((row) => dayOfUsage(row.day, -Number(row.total), today));
    const items = [...grants, ...usage].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    return { items };
  });
}
