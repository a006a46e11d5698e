import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';

export const nanoPerCent = 10_000_000;

/** A prompt whose token estimate exceeds the fake's fixed input count, so a hold always covers the actual cost. */
export const longPrompt = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');

export async function chat(gatewayUrl: string, token: string, body: Record<string, unknown>) {
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ messages: [{ role: 'user', content: longPrompt }], max_tokens: 7, ...body }),
  });
  const json = (await response.json()) as { error?: { code: string } };
  return {
    status: response.status,
    code: json.error?.code,
    requestId: response.headers.get('tollgate-request-id') ?? '',
  };
}

/** The money invariants: every charge has its event, and balance = grants − charges − expiries. */
export async function ledgerFacts(db: Kysely<Database>, accountId: string) {
  const sum = async (kind: string) => {
    const row = await db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.sum<number | string | null>('amount_nano_usd').as('total'))
      .where('account_id', '=', accountId)
      .where('kind', '=', kind)
      .executeTakeFirst();
    return Number(row?.total ?? 0);
  };
  const usageRow = await db
    .selectFrom('usage_events')
    .select((eb) => eb.fn.sum<number | string | null>('cost_nano_usd').as('total'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const account = await db
    .selectFrom('accounts')
    .select(['balance_nano_usd', 'reserved_nano_usd'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return {
    granted: await sum('grant'),
    charged: -(await sum('usage')),
    usageEventCost: Number(usageRow?.total ?? 0),
    balance: Number(account.balance_nano_usd),
    reserved: Number(account.reserved_nano_usd),
  };
}
