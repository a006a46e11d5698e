import { afterAll, describe, expect, it } from 'vitest';
import { insertTestAccount } from '../../test/helpers/accounts.js';
import { migratedTestStore } from '../../test/helpers/databases.js';
import { CreditLeases } from '../domain/credits/credit-leases.js';
import { CreditLedger } from '../domain/credits/credit-ledger.js';
import { newId } from '../domain/ids.js';
import { createLogger } from '../observability/logger.js';
import { giveBackUnsettled, holdToSettle, renewWhileStreaming } from './request-hold.js';

const cent = 10_000_000;
const logger = createLogger('silent');

/** The hold's life called directly, over real credit leases on SQLite. */
describe('a request hold', () => {
  const store = migratedTestStore('sqlite');
  const leases: CreditLeases[] = [];

  afterAll(async () => {
    for (const instance of leases) await instance.stop();
  });

  async function accountWith(balanceNanoUsd: number) {
    const { db } = store();
    const accountId = await insertTestAccount(db);
    const ledger = new CreditLedger(db);
    await ledger.grant(accountId, {
      amountNanoUsd: balanceNanoUsd,
      category: 'purchase',
      expiresAt: null,
      createdBy: 't',
    });
    const credits = new CreditLeases(db, ledger, logger, { instanceId: newId('rq') });
    leases.push(credits);
    return { accountId, ledger, credits };
  }

  it('gives back a hold no attempt settled, once', async () => {
    // Under ~$2 available: an exact hold, a row in the database.
    const { accountId, ledger, credits } = await accountWith(50 * cent);
    const hold = await credits.hold(accountId, newId('rq'), 10 * cent, 60_000, undefined);
    expect((await ledger.balance(accountId)).reservedNanoUsd).toBe(10 * cent);
    await giveBackUnsettled(credits, hold);
    await giveBackUnsettled(credits, hold);
    expect((await ledger.balance(accountId)).reservedNanoUsd).toBe(0);
    expect(holdToSettle(hold, true)).toBeUndefined();
  });

  it('is settled by the final attempt only', async () => {
    const { accountId, credits } = await accountWith(50 * cent);
    const hold = await credits.hold(accountId, newId('rq'), 5 * cent, 60_000, undefined);
    expect(holdToSettle(hold, false)).toBeUndefined();
    expect(holdToSettle(hold, true)).toBe(hold);
    expect(holdToSettle(undefined, true)).toBeUndefined();
    await giveBackUnsettled(credits, hold);
  });

  it('renews an exact hold while a stream runs, and nothing without one', async () => {
    const { accountId, ledger, credits } = await accountWith(50 * cent);
    const hold = await credits.hold(accountId, newId('rq'), 5 * cent, 2_000, undefined);
    expect(renewWhileStreaming(undefined, 2_000, ledger, 'rq_x', logger)).toBeUndefined();
    const expiry = async () =>
      (await store().db.selectFrom('credit_reservations').select('expires_at').executeTakeFirstOrThrow())
        .expires_at;
    const before = await expiry();
    const timer = renewWhileStreaming(hold, 2_000, ledger, 'rq_x', logger);
    await expect.poll(expiry, { timeout: 3_000, interval: 100 }).not.toBe(before);
    clearInterval(timer);
    await giveBackUnsettled(credits, hold);
  });
});
