import { describe, expect, it } from 'vitest';
import { fundedTestAccount } from '../../../test/helpers/accounts.js';
import { dialects, migratedTestStore } from '../../../test/helpers/databases.js';
import { usageEventRow } from '../../../test/helpers/usage-rows.js';
import { newId } from '../ids.js';
import type { CreditHold, Lease } from './credit-hold.js';
import { CreditLedger } from './credit-ledger.js';
import { type Settlement, usageLedgerIdOf } from './settlement-batch.js';
import { settlementCommitterOf } from './settlement-committers.js';

const dollar = 1_000_000_000;

describe.each(dialects)('settlement committer (%s)', (dialect) => {
  const store = migratedTestStore(dialect);

  const fundedAccount = () => fundedTestAccount(store().db, dollar);

  /** A settlement whose request held `held` of a lease (what the hold covers of its cost). */
  function settlement(accountId: string, cost: number, held: number): Settlement {
    const lease: Lease = {
      id: newId('cl'),
      accountId,
      amountNanoUsd: dollar,
      consumedNanoUsd: 0,
      heldNanoUsd: held,
      expiresAt: Date.now() + 60_000,
      lastUsedAt: Date.now(),
      draining: false,
    };
    const release: CreditHold = {
      accountId,
      amountNanoUsd: held,
      source: { kind: 'lease', lease },
      settled: false,
    };
    return {
      event: usageEventRow({ account_id: accountId, request_id: newId('rq'), cost_nano_usd: cost }),
      release,
    };
  }

  const ledgerOf = (accountId: string) =>
    store()
      .db.selectFrom('ledger_entries')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('kind', '!=', 'grant')
      .orderBy('kind', 'desc')
      .orderBy('usage_event_id')
      .execute();

  it('writes each paid event its usage entry, named after the event, and none for a free one', async () => {
    const accountId = await fundedAccount();
    const batch = [
      settlement(accountId, 300, 500),
      settlement(accountId, 0, 500),
      settlement(accountId, 200, 200),
    ];
    const effects = await settlementCommitterOf(store())(accountId, batch);
    expect(effects).toEqual({ covered: [300, 0, 200], overdrawnAccounts: new Set() });
    const paid = [batch[0]!.event, batch[2]!.event].sort((a, b) => a.id.localeCompare(b.id));
    expect(await ledgerOf(accountId)).toEqual(
      paid.map((event) => ({
        id: usageLedgerIdOf(event.id),
        account_id: accountId,
        kind: 'usage',
        amount_nano_usd: -event.cost_nano_usd,
        request_id: event.request_id,
        usage_event_id: event.id,
        created_at: event.event_time,
      })),
    );
    expect((await new CreditLedger(store().db).balance(accountId)).balanceNanoUsd).toBe(dollar - 500);
  });

  it('charges a cost above its hold as a usage entry up to the hold and an overdraft entry beside it', async () => {
    const accountId = await fundedAccount();
    const within = settlement(accountId, 100, 100);
    const above = settlement(accountId, 700, 250);
    const effects = await settlementCommitterOf(store())(accountId, [within, above]);
    expect(effects).toEqual({ covered: [100, 250], overdrawnAccounts: new Set([accountId]) });
    const entries = await ledgerOf(accountId);
    const entry = (kind: string, eventId: string) =>
      entries.find((found) => found.kind === kind && found.usage_event_id === eventId);
    expect(entries).toHaveLength(3);
    expect(entry('usage', within.event.id)?.amount_nano_usd).toBe(-100);
    expect(entry('usage', above.event.id)).toMatchObject({
      id: usageLedgerIdOf(above.event.id),
      amount_nano_usd: -250,
    });
    expect(entry('overdraft', above.event.id)?.amount_nano_usd).toBe(-450);
    expect((await new CreditLedger(store().db).balance(accountId)).balanceNanoUsd).toBe(dollar - 800);
  });
});
