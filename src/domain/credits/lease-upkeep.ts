import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { type AccountCredit, leasesOf, retire } from './account-credit.js';
import { renewLeases, returnLease } from './lease-store.js';

export interface UpkeepSettings {
  instanceId: string;
  ttlMs: number;
  idleMs: number;
}

/**
 * One tick of this instance's lease upkeep: updates hold rates, retires idle leases, renews
 * every lease it holds, returns the retired ones nothing is held of any more, and forgets
 * accounts it no longer serves.
 */
export async function upkeep(
  accounts: Map<string, AccountCredit>,
  db: Kysely<Database>,
  settings: UpkeepSettings,
  now: number,
  sinceLastTickMs: number,
): Promise<void> {
  const elapsed = Math.max(1, sinceLastTickMs);
  for (const account of accounts.values()) {
    account.holdRate = 0.5 * account.holdRate + (0.5 * account.heldSinceTick) / elapsed;
    account.heldSinceTick = 0;
    const lease = account.lease;
    if (lease && lease.heldNanoUsd === 0 && now - lease.lastUsedAt > settings.idleMs) retire(account, lease);
  }
  await renew(accounts, db, settings, now);
  await returnDrained(accounts, db);
  for (const [accountId, account] of accounts) {
    const unused =
      !account.lease && account.draining.length === 0 && account.waiters.length === 0 && !account.busy;
    if (unused && account.holdRate < 1) accounts.delete(accountId);
  }
}

async function renew(
  accounts: Map<string, AccountCredit>,
  db: Kysely<Database>,
  settings: UpkeepSettings,
  now: number,
): Promise<void> {
  if (![...accounts.values()].some((account) => leasesOf(account).length > 0)) return;
  const expiresAt = now + settings.ttlMs;
  const { alive, overdrawnAccounts } = await renewLeases(db, settings.instanceId, expiresAt);
  for (const account of accounts.values()) {
    if (account.lease && !alive.has(account.lease.id)) {
      // Freed by upkeep (this instance was cut off too long): its holds settle without it.
      account.lease.draining = true;
      account.lease = undefined;
    }
    account.draining = account.draining.filter((lease) => alive.has(lease.id));
    for (const lease of leasesOf(account)) lease.expiresAt = expiresAt;
  }
  // Overdrawn beyond what is reserved: their leases take no new holds.
  for (const accountId of overdrawnAccounts) {
    const account = accounts.get(accountId);
    if (account?.lease) retire(account, account.lease);
  }
}

async function returnDrained(accounts: Map<string, AccountCredit>, db: Kysely<Database>): Promise<void> {
  for (const account of accounts.values()) {
    const done = account.draining.filter((lease) => lease.heldNanoUsd === 0);
    for (const lease of done) {
      await returnLease(db, lease);
      account.draining = account.draining.filter((other) => other !== lease);
    }
  }
}
