import type { LeaseState } from '../../observability/state-metrics.js';
import type { CreditHold, Lease } from './credit-hold.js';
import type { AdmissionWish } from './lease-store.js';

/* This instance's in-memory credit state, per account: shared by holds (credit-leases.ts) and upkeep (lease-upkeep.ts). */

/** A request waiting for its account's next database admission. */
export interface Waiter extends AdmissionWish {
  resolve(hold: CreditHold): void;
  reject(error: unknown): void;
}

/** This instance's credit state for one account. */
export interface AccountCredit {
  accountId: string;
  /** The lease new holds are taken from. */
  lease: Lease | undefined;
  /** Leases taking no new holds, returned once nothing is held of them. */
  draining: Lease[];
  waiters: Waiter[];
  /** One database admission at a time per account: requests that queue meanwhile share the next. */
  busy: boolean;
  topUpWanted: boolean;
  /** Holds taken since the last tick, for the hold rate. */
  heldSinceTick: number;
  /** Recent holds per millisecond (moving average). */
  holdRate: number;
}

export function newAccountCredit(accountId: string): AccountCredit {
  return {
    accountId,
    lease: undefined,
    draining: [],
    waiters: [],
    busy: false,
    topUpWanted: false,
    heldSinceTick: 0,
    holdRate: 0,
  };
}

/** Every lease of the account this instance holds: the active one and those being returned. */
export function leasesOf(account: AccountCredit): Lease[] {
  return account.lease ? [account.lease, ...account.draining] : account.draining;
}

/** The lease takes no new holds; it is returned once nothing is held of it. */
export function retire(account: AccountCredit, lease: Lease): void {
  lease.draining = true;
  if (account.lease === lease) account.lease = undefined;
  if (!account.draining.includes(lease)) account.draining.push(lease);
}

/** What this instance holds, summed over its accounts (for /metrics). */
export function leaseStateOf(accounts: Iterable<AccountCredit>): LeaseState {
  const state: LeaseState = {
    accounts: 0,
    leases: 0,
    drainingLeases: 0,
    leasedNanoUsd: 0,
    heldNanoUsd: 0,
    waitingRequests: 0,
  };
  for (const account of accounts) {
    state.accounts++;
    state.waitingRequests += account.waiters.length;
    for (const lease of leasesOf(account)) {
      if (lease.draining) state.drainingLeases++;
      else state.leases++;
      state.leasedNanoUsd += lease.amountNanoUsd;
      state.heldNanoUsd += lease.heldNanoUsd;
    }
  }
  return state;
}
