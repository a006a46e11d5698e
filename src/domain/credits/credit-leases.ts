import type { Kysely } from 'kysely';
import { describeError, type Logger } from '../../observability/logger.js';
import type { LeaseState } from '../../observability/state-metrics.js';
import type { Database } from '../../store/schema.js';
import type { SpendLimitHold } from '../limits/key-spend.js';
import {
  type AccountCredit,
  leaseStateOf,
  leasesOf,
  newAccountCredit,
  retire,
  type Waiter,
} from './account-credit.js';
import type { CreditHold } from './credit-hold.js';
import type { CreditLedger } from './credit-ledger.js';
import { type Admission, admitInTransaction, type GrownLease, returnLease } from './lease-store.js';
import { upkeep } from './lease-upkeep.js';
import type { Settlement, SettlementEffects } from './settlement-batch.js';

export interface CreditLeaseOptions {
  instanceId: string;
  /** The smallest lease; an account whose available balance is under four of them gets exact holds. */
  minSliceNanoUsd?: number;
  /** A lease is sized to cover this much of the instance's recent hold rate. */
  sliceHorizonMs?: number;
  /** A lease expires this long after its last renewal; upkeep then frees it. */
  ttlMs?: number;
  /** How often leases are renewed, idle ones returned and hold rates updated. */
  tickMs?: number;
  /** A lease with nothing held for this long goes back to its account. */
  idleMs?: number;
}

const defaults = {
  minSliceNanoUsd: 500_000_000, // $0.50
  sliceHorizonMs: 500,
  ttlMs: 10_000,
  tickMs: 1_000,
  idleMs: 5_000,
};

/**
 * Credit holds for the requests of this instance. For an account with enough available balance
 * the instance holds a lease (a slice of the balance, reserved in the database with one
 * conditional UPDATE) and takes each request's hold from it in memory, with no database round
 * trip. The lease is topped up ahead of exhaustion, sized from the recent hold rate; renewed
 * every tick while the instance lives; returned when idle, when the account runs low, and at
 * shutdown. A lease is used only while well within its expiry (half the TTL), so an instance cut
 * off from the database stops using it before upkeep frees it.
 *
 * Otherwise (a nearly empty account, or a key with a spend limit) each request gets an exact
 * hold in the database. Requests that queue while the account's database admission runs share
 * the next one: at most one admission transaction per instance and account is in flight.
 *
 * A settlement charges the balance and writes no lease row: the lease's row is written down by
 * what its requests spent at its next top-up, or given back whole at its return. Until then
 * `reserved` still counts the spent part, which errs on the safe side only. So, across all
 * instances: holds ≤ what leases and exact holds have left ≤ reserved ≤ balance.
 */
export class CreditLeases {
  private readonly accounts = new Map<string, AccountCredit>();
  private readonly settings: Required<CreditLeaseOptions>;
  private timer: NodeJS.Timeout | undefined;
  private lastTick = Date.now();
  private ticking = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ledger: CreditLedger,
    private readonly logger: Logger,
    options: CreditLeaseOptions,
  ) {
    this.settings = { ...defaults, ...options };
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.settings.tickMs);
    this.timer.unref();
  }

  /** Holds `amountNanoUsd` for a request, or rejects with insufficient_credits / spend_limit_exceeded. */
  hold(
    accountId: string,
    requestId: string,
    amountNanoUsd: number,
    holdMs: number,
    spendLimit: SpendLimitHold | undefined,
  ): Promise<CreditHold> {
    const account = this.accountOf(accountId);
    if (spendLimit === undefined) {
      // Only holds a lease could serve size it.
      account.heldSinceTick += amountNanoUsd;
      const hold = this.takeFromLease(account, amountNanoUsd);
      if (hold) return Promise.resolve(hold);
    }
    return new Promise((resolve, reject) => {
      account.waiters.push({ requestId, amountNanoUsd, holdMs, spendLimit, resolve, reject });
      void this.admit(account);
    });
  }

  /** Frees a hold that was never settled (its request failed before any usage event). */
  async release(hold: CreditHold): Promise<void> {
    if (hold.settled) return;
    hold.settled = true;
    if (hold.source.kind === 'lease') hold.source.lease.heldNanoUsd -= hold.amountNanoUsd;
    else await this.ledger.release(hold.source.reservation);
  }

  /** After a settlement batch committed: their holds end, and leases count what the holds cost. */
  settled(settlements: readonly Settlement[], effects: SettlementEffects): void {
    settlements.forEach(({ release }, index) => {
      if (!release || release.settled) return;
      release.settled = true;
      if (release.source.kind !== 'lease') return;
      const { lease } = release.source;
      lease.heldNanoUsd -= release.amountNanoUsd;
      lease.consumedNanoUsd += effects.covered[index]!;
    });
    for (const accountId of effects.overdrawnAccounts) this.drain(accountId);
  }

  /** For a graceful stop, once no request is in flight: every lease goes back to its account. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const leases = [...this.accounts.values()].flatMap(leasesOf);
    this.accounts.clear();
    for (const lease of leases) {
      await returnLease(this.db, lease).catch((error: unknown) => {
        this.logger.warn({ err: describeError(error), lease: lease.id }, 'lease return failed at stop');
      });
    }
  }

  /** What this instance holds now, for /metrics. */
  leaseState(): LeaseState {
    return leaseStateOf(this.accounts.values());
  }

  private accountOf(accountId: string): AccountCredit {
    let account = this.accounts.get(accountId);
    if (!account) {
      account = newAccountCredit(accountId);
      this.accounts.set(accountId, account);
    }
    return account;
  }

  private takeFromLease(account: AccountCredit, amount: number): CreditHold | undefined {
    const lease = account.lease;
    if (!lease || lease.draining) return undefined;
    const now = Date.now();
    // Self-fencing: past half its TTL without a renewal, upkeep elsewhere may soon free it.
    if (now > lease.expiresAt - this.settings.ttlMs / 2) return undefined;
    const free = lease.amountNanoUsd - lease.consumedNanoUsd - lease.heldNanoUsd;
    if (free < amount) return undefined;
    lease.heldNanoUsd += amount;
    lease.lastUsedAt = now;
    if (free - amount < this.wantedSlice(account) / 2) {
      account.topUpWanted = true;
      void this.admit(account);
    }
    return {
      accountId: account.accountId,
      amountNanoUsd: amount,
      source: { kind: 'lease', lease },
      settled: false,
    };
  }

  private wantedSlice(account: AccountCredit): number {
    return Math.max(this.settings.minSliceNanoUsd, account.holdRate * this.settings.sliceHorizonMs);
  }

  /** The account's one database admission loop: runs until nothing waits and no top-up is wanted. */
  private async admit(account: AccountCredit): Promise<void> {
    if (account.busy) return;
    account.busy = true;
    try {
      while (account.waiters.length > 0 || account.topUpWanted) {
        // Whatever the lease covers now needs no database.
        account.waiters = account.waiters.filter((waiter) => !this.serveFromLease(account, waiter));
        const waiters = account.waiters;
        account.waiters = [];
        const topUp = account.topUpWanted;
        account.topUpWanted = false;
        if (waiters.length === 0 && !topUp) continue;
        await this.admitBatch(account, waiters, topUp);
      }
    } finally {
      account.busy = false;
    }
  }

  private serveFromLease(account: AccountCredit, waiter: Waiter): boolean {
    if (waiter.spendLimit !== undefined) return false;
    const hold = this.takeFromLease(account, waiter.amountNanoUsd);
    if (hold) waiter.resolve(hold);
    return hold !== undefined;
  }

  private async admitBatch(account: AccountCredit, waiters: Waiter[], topUp: boolean): Promise<void> {
    const lease = account.lease;
    // Requests under a spend limit take exact holds: they alone are no reason to grow a lease.
    const leaseAllowed = topUp || waiters.some((waiter) => waiter.spendLimit === undefined);
    let outcome: Awaited<ReturnType<typeof admitInTransaction>>;
    try {
      outcome = await this.db.transaction().execute((transaction) =>
        admitInTransaction(transaction, account.accountId, waiters, {
          instanceId: this.settings.instanceId,
          wantedSliceNanoUsd: this.wantedSlice(account),
          minSliceNanoUsd: this.settings.minSliceNanoUsd,
          ttlMs: this.settings.ttlMs,
          leaseId: lease?.id,
          leaseConsumedNanoUsd: lease?.consumedNanoUsd ?? 0,
          leaseAllowed,
        }),
      );
    } catch (error) {
      this.logger.warn(
        { err: describeError(error), accountId: account.accountId },
        'credit admission failed',
      );
      for (const waiter of waiters) waiter.reject(error);
      return;
    }
    if (outcome.lease) this.grew(account, outcome.lease);
    // Too little left to slice: the lease takes no new holds and goes back once they end, so
    // that its slack serves every instance's exact holds.
    else if (leaseAllowed) this.drain(account.accountId);
    waiters.forEach((waiter, index) => {
      this.answer(account, waiter, outcome.admissions[index]!);
    });
  }

  private grew(account: AccountCredit, grown: GrownLease): void {
    const current = account.lease;
    if (current && current.id === grown.id) {
      // Settlements that committed while the top-up ran stay counted for the next one.
      current.amountNanoUsd += grown.addedNanoUsd - grown.writtenDownNanoUsd;
      current.consumedNanoUsd -= grown.writtenDownNanoUsd;
      current.expiresAt = grown.expiresAt;
      return;
    }
    // A new lease: the old one (if any) was freed by upkeep or is being returned.
    if (current && !current.draining) retire(account, current);
    account.lease = {
      id: grown.id,
      accountId: account.accountId,
      amountNanoUsd: grown.addedNanoUsd,
      consumedNanoUsd: 0,
      heldNanoUsd: 0,
      expiresAt: grown.expiresAt,
      lastUsedAt: Date.now(),
      draining: false,
    };
  }

  private answer(account: AccountCredit, waiter: Waiter, admission: Admission): void {
    if (admission.kind === 'refused') {
      waiter.reject(admission.error);
      return;
    }
    if (admission.kind === 'exact') {
      waiter.resolve({
        accountId: account.accountId,
        amountNanoUsd: waiter.amountNanoUsd,
        source: {
          kind: 'exact',
          reservation: {
            id: admission.reservationId,
            accountId: account.accountId,
            amountNanoUsd: waiter.amountNanoUsd,
            accessKeyId: waiter.spendLimit?.accessKeyId ?? null,
          },
        },
        settled: false,
      });
      return;
    }
    // Granted for the lease; holds taken meanwhile may have used it, so it waits for the next round.
    if (!this.serveFromLease(account, waiter)) {
      account.waiters.push(waiter);
      account.topUpWanted = true;
    }
  }

  /** The account's lease takes no new holds; it is returned once nothing is held of it. */
  private drain(accountId: string): void {
    const account = this.accounts.get(accountId);
    if (account?.lease) retire(account, account.lease);
  }

  /** Renews leases, returns idle and drained ones, and updates hold rates (lease-upkeep.ts). */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = Date.now();
      await upkeep(this.accounts, this.db, this.settings, now, now - this.lastTick);
      this.lastTick = now;
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'credit lease upkeep failed');
    } finally {
      this.ticking = false;
    }
  }
}
