import { describe, expect, it } from 'vitest';
import { insertTestAccount } from '../../../test/helpers/accounts.js';
import { dialects, migratedTestStore } from '../../../test/helpers/databases.js';
import { CreditLedger } from './credit-ledger.js';

const dollar = 1_000_000_000;

describe.each(dialects)('CreditLedger (%s)', (dialect) => {
  const store = migratedTestStore(dialect);

  async function account(): Promise<{ id: string; ledger: CreditLedger }> {
    return { id: await insertTestAccount(store().db), ledger: new CreditLedger(store().db) };
  }

  const entries = (accountId: string) =>
    store()
      .db.selectFrom('ledger_entries')
      .select(['kind', 'amount_nano_usd'])
      .where('account_id', '=', accountId)
      .orderBy('id')
      .execute();

  it('adds a grant to the balance with a ledger entry', async () => {
    const { id, ledger } = await account();
    await ledger.grant(id, {
      amountNanoUsd: 5 * dollar,
      category: 'purchase',
      expiresAt: null,
      createdBy: 'test',
    });
    expect(await ledger.balance(id)).toEqual({ balanceNanoUsd: 5 * dollar, reservedNanoUsd: 0 });
    expect((await entries(id)).map((entry) => [entry.kind, Number(entry.amount_nano_usd)])).toEqual([
      ['grant', 5 * dollar],
    ]);
  });

  it('expires what is left of a due grant once, and leaves the others', async () => {
    const { id, ledger } = await account();
    const past = new Date(Date.now() - 1_000).toISOString();
    await ledger.grant(id, {
      amountNanoUsd: 2 * dollar,
      category: 'promotional',
      expiresAt: past,
      createdBy: 'test',
    });
    await ledger.grant(id, {
      amountNanoUsd: 3 * dollar,
      category: 'purchase',
      expiresAt: null,
      createdBy: 'test',
    });
    await ledger.expireGrants();
    await ledger.expireGrants();
    expect((await ledger.balance(id)).balanceNanoUsd).toBe(3 * dollar);
    const expired = (await ledger.grants(id)).find((grant) => grant.expires_at !== null);
    expect(expired).toMatchObject({ remaining_nano_usd: 0 });
    expect(Number(expired?.expired_nano_usd)).toBe(2 * dollar);
    expect((await entries(id)).filter((entry) => entry.kind === 'expiry')).toHaveLength(1);
  });

  it('reads an unknown account as empty', async () => {
    expect(await new CreditLedger(store().db).balance('acct_missing')).toEqual({
      balanceNanoUsd: 0,
      reservedNanoUsd: 0,
    });
  });
});
