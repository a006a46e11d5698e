import type { Kysely } from 'kysely';
import { inputTokenBound } from '../../src/domain/credits/input-token-bound.js';
import { costNanoUsd } from '../../src/providers/catalog/pricing.js';
import type { Database } from '../../src/store/schema.js';
import type { FakeUpstream } from '../fake-upstream/server.js';
import type { Harness } from '../helpers/tollgate-harness.js';

export const nanoPerCent = 10_000_000;

/** A prompt whose token estimate exceeds the fake's fixed input count, so a hold always covers the actual cost. */
export const longPrompt = Array.from({ length: 60 }, (_, index) => `word${index}`).join(' ');

function chatBody(body: Record<string, unknown>): Record<string, unknown> {
  return { messages: [{ role: 'user', content: longPrompt }], max_tokens: 7, ...body };
}

/**
 * What Tollgate holds for one `chat()` request with a bring-your-own key at a fee of
 * `feePerMTokUsd`: the fee on its input bound plus its `max_tokens`.
 */
export function chatHold(feePerMTokUsd: number, body: Record<string, unknown>): number {
  const full = chatBody(body);
  return costNanoUsd(inputTokenBound(full).tokens + Number(full.max_tokens), feePerMTokUsd);
}

export async function chat(gatewayUrl: string, token: string, body: Record<string, unknown>) {
  const response = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(chatBody(body)),
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
    // Debits are negative entries; `0 -` keeps a zero positive for toBe.
    charged: 0 - (await sum('usage')) - (await sum('overdraft')),
    overdraft: 0 - (await sum('overdraft')),
    usageEventCost: Number(usageRow?.total ?? 0),
    balance: Number(account.balance_nano_usd),
    reserved: Number(account.reserved_nano_usd),
  };
}

/**
 * Sends `count` requests and has the upstream answer none until each was refused or reached it,
 * so that all are in flight together however slowly a loaded machine sends them.
 */
export async function allInFlightTogether<T>(
  upstream: FakeUpstream,
  count: number,
  send: (index: number) => Promise<T>,
): Promise<T[]> {
  upstream.reset();
  const release = upstream.holdAnswers();
  let answered = 0;
  const pending = Array.from({ length: count }, (_, index) =>
    send(index).finally(() => {
      answered++;
    }),
  );
  try {
    await eventually(60_000, async () => answered + upstream.requests.length >= count);
  } finally {
    release();
  }
  return Promise.all(pending);
}

/** Polls `check` every 200 ms until it holds, failing after `ms`. */
export async function eventually(ms: number, check: () => Promise<boolean>): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > ms) throw new Error(`not true within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Holds ≤ leases + exact holds = reserved ≤ balance: what the database reserves is accounted for.
 * One statement, so that a lease returned meanwhile (its row deleted and `reserved` lowered in
 * one transaction) is seen whole or not at all.
 */
export async function reservedAccountedFor(db: Kysely<Database>, accountId: string) {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => [
      'reserved_nano_usd',
      eb
        .selectFrom('credit_leases')
        .select((inner) =>
          inner.fn.coalesce(inner.fn.sum<number>('amount_nano_usd'), inner.lit(0)).as('total'),
        )
        .where('account_id', '=', accountId)
        .as('leased'),
      eb
        .selectFrom('credit_reservations')
        .select((inner) =>
          inner.fn.coalesce(inner.fn.sum<number>('amount_nano_usd'), inner.lit(0)).as('total'),
        )
        .where('account_id', '=', accountId)
        .as('exact'),
    ])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { reserved: Number(row.reserved_nano_usd), leased: Number(row.leased), exact: Number(row.exact) };
}

export interface Tenant {
  accountId: string;
  apiKey: string;
  accessToken: string;
}

/** A fresh account with its own API key, a BYOK provider key and an access key. */
export async function newTenant(harness: Harness, name: string): Promise<Tenant> {
  const account = await harness.admin<{ id: string }>('POST', '/accounts', { name });
  const apiKey = await harness.admin<{ token: string }>('POST', `/accounts/${account.body.id}/api-keys`, {
    name: 'ops',
  });
  const as = (method: string, path: string, body?: unknown) =>
    harness.admin(method, path, body, apiKey.body.token);
  await as('POST', '/provider-keys', { providerId: 'openai', name: 'byok', value: `sk-${name}-good` });
  const accessKey = (await as('POST', '/access-keys', { name: 'app' })) as { body: { token: string } };
  return { accountId: account.body.id, apiKey: apiKey.body.token, accessToken: accessKey.body.token };
}
