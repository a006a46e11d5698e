import { describe, expect, it } from 'vitest';
import { fundedTestAccount } from '../../../test/helpers/accounts.js';
import { dialects, migratedTestStore } from '../../../test/helpers/databases.js';
import { usageEventRow } from '../../../test/helpers/usage-rows.js';
import type { TollgateError } from '../../errors/tollgate-error.js';
import { createLogger } from '../../observability/logger.js';
import { newId } from '../ids.js';
import { periodStart } from '../limits/spend-periods.js';
import type { CreditHold } from './credit-hold.js';
import { type CreditLeaseOptions, CreditLeases } from './credit-leases.js';
import { CreditLedger } from './credit-ledger.js';
import { releaseExpiredLeases } from './lease-store.js';
import { settlementCommitterOf } from './settlement-committers.js';
import { SettlementWriter } from './settlement-writer.js';

const dollar = 1_000_000_000;
const cent = dollar / 100;
const logger = createLogger('silent');

describe.each(dialects)('credit leases (%s)', (dialect) => {
  const store = migratedTestStore(dialect);

  const account = (balanceNanoUsd: number) => fundedTestAccount(store().db, balanceNanoUsd);

  /** One gateway instance's credit machinery: its leases and its settlement writer. */
  function instance(options: Partial<CreditLeaseOptions> = {}) {
    const ledger = new CreditLedger(store().db);
    const leases = new CreditLeases(store().db, ledger, logger, { instanceId: newId('rq'), ...options });
    const commit = settlementCommitterOf(store());
    const writer = new SettlementWriter(commit, (settled, effects) => leases.settled(settled, effects));
    const settle = (hold: CreditHold, costNanoUsd: number, accessKeyId = 'aigk_test') =>
      writer.settle({
        event: usageEventRow({
          account_id: hold.accountId,
          access_key_id: accessKeyId,
          cost_nano_usd: costNanoUsd,
        }),
        release: hold,
      });
    const hold = (accountId: string, amount: number) =>
      leases.hold(accountId, newId('rq'), amount, 60_000, undefined);
    return { leases, writer, settle, hold };
  }

  /** Holds concurrently; answers the holds granted, and checks every refusal says why. */
  async function holdMany(take: () => Promise<CreditHold>, count: number, code = 'insufficient_credits') {
    const outcomes = await Promise.allSettled(Array.from({ length: count }, take));
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect((outcome.reason as TollgateError).code).toBe(code);
    }
    return outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  }

  /** The account's money, read in one statement so that a top-up committing meanwhile is seen whole or not at all. */
  async function facts(accountId: string) {
    const db = store().db;
    const row = await db
      .selectFrom('accounts')
      .select((eb) => [
        'balance_nano_usd',
        'reserved_nano_usd',
        eb
          .selectFrom('credit_leases')
          .select((inner) =>
            inner.fn.coalesce(inner.fn.sum<number>('amount_nano_usd'), inner.lit(0)).as('total'),
          )
          .whereRef('credit_leases.account_id', '=', 'accounts.id')
          .as('leased'),
        eb
          .selectFrom('ledger_entries')
          .select((inner) =>
            inner.fn.coalesce(inner.fn.sum<number>('amount_nano_usd'), inner.lit(0)).as('total'),
          )
          .whereRef('ledger_entries.account_id', '=', 'accounts.id')
          .as('ledger_total'),
      ])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    const leases = await db
      .selectFrom('credit_leases')
      .selectAll()
      .where('account_id', '=', accountId)
      .execute();
    const exact = await db
      .selectFrom('credit_reservations')
      .selectAll()
      .where('account_id', '=', accountId)
      .execute();
    return {
      balance: Number(row.balance_nano_usd),
      reserved: Number(row.reserved_nano_usd),
      leased: Number(row.leased),
      leases,
      exact,
      ledgerTotal: Number(row.ledger_total),
    };
  }

  it('takes holds of a rich account from one lease in memory, and settles them exactly', async () => {
    const accountId = await account(100 * dollar);
    const { hold, settle } = instance();
    const holds = await holdMany(() => hold(accountId, cent), 40);
    expect(holds).toHaveLength(40);
    expect(holds.every((one) => one.source.kind === 'lease')).toBe(true);
    let now = await facts(accountId);
    expect(now.exact).toHaveLength(0);
    expect(now.leases.length).toBeGreaterThanOrEqual(1);
    expect(now.reserved).toBe(now.leased);
    expect(now.leased).toBeGreaterThanOrEqual(40 * cent);
    expect(now.leased).toBeLessThanOrEqual(25 * dollar);

    const costs = holds.map((_, index) => 1_000 + index);
    await Promise.all(holds.map((one, index) => settle(one, costs[index]!)));
    now = await facts(accountId);
    const charged = costs.reduce((total, cost) => total + cost, 0);
    expect(now.balance).toBe(100 * dollar - charged);
    expect(now.ledgerTotal).toBe(now.balance);
    // The settlements wrote no lease row: the lease still reserves what its holds cost, until
    // its next top-up writes it down (or it goes back whole).
    expect(now.reserved).toBe(now.leased);
    expect(now.reserved).toBeLessThanOrEqual(now.balance);
  });

  it('writes a lease down by what its requests spent when it tops it up', async () => {
    const accountId = await account(100 * dollar);
    const { hold, settle } = instance({ minSliceNanoUsd: 10 * cent });
    for (let request = 0; request < 60; request++) await settle(await hold(accountId, cent), cent);
    // Let a top-up started by the last hold finish.
    await hold(accountId, cent);
    const now = await facts(accountId);
    expect(now.balance).toBe(100 * dollar - 60 * cent);
    expect(now.ledgerTotal).toBe(now.balance);
    expect(now.reserved).toBe(now.leased);
    // Ten-cent slices, 60 cents spent: without the write-down the lease would hold over 60 cents.
    expect(now.leased).toBeLessThanOrEqual(30 * cent);
  });

  it('gives a nearly empty account exact holds, never more than it has, and frees them at settlement', async () => {
    const accountId = await account(dollar);
    const { hold, settle } = instance();
    const holds = await holdMany(() => hold(accountId, 5 * cent), 100);
    expect(holds).toHaveLength(20);
    expect(holds.every((one) => one.source.kind === 'exact')).toBe(true);
    let now = await facts(accountId);
    expect(now.leases).toHaveLength(0);
    expect(now.reserved).toBe(dollar);
    await Promise.all(holds.map((one) => settle(one, cent)));
    now = await facts(accountId);
    expect(now).toMatchObject({ balance: 80 * cent, reserved: 0, leased: 0, ledgerTotal: 80 * cent });
    expect(now.exact).toHaveLength(0);
  });

  it('does not let one instance’s lease starve another instance of a nearly empty account', async () => {
    const accountId = await account(3 * dollar);
    const first = instance();
    const second = instance();
    const firstHold = await first.hold(accountId, cent);
    expect(firstHold.source.kind).toBe('lease');
    const leasedByFirst = (await facts(accountId)).leased;
    expect(leasedByFirst).toBeLessThanOrEqual(0.75 * dollar);
    // The second instance is served from what the first did not lease, until that runs out.
    const holds = await holdMany(() => second.hold(accountId, 10 * cent), 40);
    expect(holds.length).toBe(Math.floor((3 * dollar - leasedByFirst) / (10 * cent)));
    const now = await facts(accountId);
    expect(now.reserved).toBe(
      now.leased + now.exact.reduce((total, row) => total + Number(row.amount_nano_usd), 0),
    );
    expect(now.reserved).toBeLessThanOrEqual(now.balance);
  });

  it('returns idle leases to the account, and every lease at stop', async () => {
    const accountId = await account(100 * dollar);
    const idle = instance({ idleMs: 0 });
    await idle.settle(await idle.hold(accountId, cent), 500);
    expect((await facts(accountId)).leased).toBeGreaterThan(0);
    await idle.leases.tick(); // marks the idle lease as draining
    await idle.leases.tick(); // nothing is held of it: it goes back
    expect(await facts(accountId)).toMatchObject({ reserved: 0, leased: 0, balance: 100 * dollar - 500 });

    const stopping = instance();
    await stopping.settle(await stopping.hold(accountId, cent), 500);
    expect((await facts(accountId)).leased).toBeGreaterThan(0);
    await stopping.leases.stop();
    expect(await facts(accountId)).toMatchObject({ reserved: 0, leased: 0, balance: 100 * dollar - 1_000 });
  });

  it('never uses a lease past half its TTL without renewing it, and upkeep frees the lease of a dead instance', async () => {
    const accountId = await account(100 * dollar);
    const { hold, settle } = instance({ ttlMs: 600 });
    const early = await hold(accountId, cent);
    const [written] = (await facts(accountId)).leases;
    await new Promise((resolve) => setTimeout(resolve, 350));
    // Past half the TTL: this hold needs the database, which renews the lease before it is used again.
    const late = await hold(accountId, cent);
    expect(late.source.kind).toBe('lease');
    const [renewed] = (await facts(accountId)).leases;
    expect(Date.parse(renewed!.expires_at)).toBeGreaterThan(Date.parse(written!.expires_at));

    // The instance dies (no renewals); once the lease expired, upkeep gives it back.
    expect(await releaseExpiredLeases(store().db, new Date())).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 650));
    expect(await releaseExpiredLeases(store().db, new Date())).toBe(1);
    expect(await facts(accountId)).toMatchObject({ reserved: 0, leased: 0 });
    // A settlement that still comes (a zombie's) is charged, and does not free the lease twice.
    await settle(early, 700);
    await settle(late, 300);
    expect(await facts(accountId)).toMatchObject({ reserved: 0, leased: 0, balance: 100 * dollar - 1_000 });
  });

  it('charges a settlement whose exact hold upkeep already freed, without freeing it twice', async () => {
    const accountId = await account(dollar);
    const { hold, settle } = instance();
    const late = await hold(accountId, 10 * cent);
    expect(late.source.kind).toBe('exact');
    expect((await facts(accountId)).reserved).toBe(10 * cent);
    // Its instance looked dead: upkeep freed the hold after its deadline.
    // (Other tests' unsettled holds in this store go too.)
    await new CreditLedger(store().db).releaseStaleReservations(new Date(Date.now() + 120_000));
    expect((await facts(accountId)).reserved).toBe(0);
    await settle(late, 3 * cent);
    expect(await facts(accountId)).toMatchObject({ reserved: 0, balance: 97 * cent, ledgerTotal: 97 * cent });
  });

  it("adds each key's spend to its own running totals when one batch settles several keys", async () => {
    const accountId = await account(100 * dollar);
    const keys = [newId('aigk'), newId('aigk'), newId('aigk')];
    const { hold, settle } = instance();
    const holds = await Promise.all(Array.from({ length: 9 }, () => hold(accountId, 10 * cent)));
    // Settled in one turn, so that one batch carries all three keys.
    await Promise.all(holds.map((one, index) => settle(one, (index + 1) * cent, keys[index % 3])));
    const totals = await store()
      .db.selectFrom('key_spend')
      .select(['access_key_id', 'total_spent_nano_usd', 'day_spent_nano_usd', 'held_nano_usd'])
      .where('access_key_id', 'in', keys)
      .execute();
    const byKey = new Map(totals.map((row) => [row.access_key_id, row]));
    // Key 0 settled the 1st, 4th and 7th holds (1 + 4 + 7 cents), and so on.
    keys.forEach((key, offset) => {
      const spent = [0, 3, 6].reduce((total, index) => total + (index + offset + 1) * cent, 0);
      expect(Number(byKey.get(key)?.total_spent_nano_usd)).toBe(spent);
      expect(Number(byKey.get(key)?.day_spent_nano_usd)).toBe(spent);
      expect(Number(byKey.get(key)?.held_nano_usd)).toBe(0);
    });
  });

  it('keeps a key within its spend limit under 100 concurrent holds, from running totals', async () => {
    const accountId = await account(100 * dollar);
    const accessKeyId = newId('aigk');
    const { leases, settle } = instance();
    const since = periodStart('day', new Date());
    const limit = { accessKeyId, limitCents: 50, period: 'day' as const, since };
    const holdLimited = () => leases.hold(accountId, newId('rq'), 5 * cent, 60_000, limit);
    const holds = await holdMany(holdLimited, 100, 'spend_limit_exceeded');
    expect(holds).toHaveLength(10);
    expect(holds.every((one) => one.source.kind === 'exact')).toBe(true);
    const spend = () =>
      store()
        .db.selectFrom('key_spend')
        .selectAll()
        .where('access_key_id', '=', accessKeyId)
        .executeTakeFirstOrThrow();
    expect(Number((await spend()).held_nano_usd)).toBe(50 * cent);

    await Promise.all(holds.map((one) => settle(one, 2 * cent, accessKeyId)));
    expect(await spend()).toMatchObject({
      day_start: since,
      day_spent_nano_usd: 20 * cent,
      held_nano_usd: 0,
    });
    expect(Number((await spend()).total_spent_nano_usd)).toBe(20 * cent);
    // 20 cents spent: room for six more 5-cent holds.
    expect(await holdMany(holdLimited, 20, 'spend_limit_exceeded')).toHaveLength(6);
  });
});
