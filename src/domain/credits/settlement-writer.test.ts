import { describe, expect, it } from 'vitest';
import { usageEventRow } from '../../../test/helpers/usage-rows.js';
import type { Settlement, SettlementEffects } from './settlement-batch.js';
import { SettlementWriter } from './settlement-writer.js';

const commitMs = 30;

function settlement(accountId: string, cost: number): Settlement {
  return { event: usageEventRow({ account_id: accountId, cost_nano_usd: cost }), release: undefined };
}

/** A committer that takes `commitMs` and refuses any batch holding a negative cost. */
async function slowCommit(
  _accountId: string,
  settlements: readonly Settlement[],
): Promise<SettlementEffects> {
  await new Promise((resolve) => setTimeout(resolve, commitMs));
  if (settlements.some((s) => s.event.cost_nano_usd < 0)) throw new Error('refused');
  return { covered: settlements.map((s) => s.event.cost_nano_usd), overdrawnAccounts: new Set() };
}

describe('SettlementWriter wait reporting', () => {
  it('reports one wait per committed settlement, queueing included', async () => {
    const waits: number[] = [];
    const writer = new SettlementWriter(slowCommit, () => {}, {
      onWaited: (waitedMs) => waits.push(...waitedMs),
    });
    // The first commits alone; the two queued behind it share the next batch and wait for both.
    const first = writer.settle(settlement('acct_a', 1));
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([
      first,
      writer.settle(settlement('acct_a', 2)),
      writer.settle(settlement('acct_a', 3)),
    ]);
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(commitMs - 1);
    // Timers may fire a millisecond early; two commits in a row cannot take less than ~2 × commitMs.
    expect(Math.min(...waits.slice(1))).toBeGreaterThanOrEqual(2 * commitMs - 2);
  });

  it('reports no wait for a settlement whose commit failed', async () => {
    const waits: number[] = [];
    const writer = new SettlementWriter(slowCommit, () => {}, {
      onWaited: (waitedMs) => waits.push(...waitedMs),
    });
    const outcomes = await Promise.allSettled([
      writer.settle(settlement('acct_b', 5)),
      writer.settle(settlement('acct_b', -1)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected']);
    expect(waits).toHaveLength(1);
  });
});
