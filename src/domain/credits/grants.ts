import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * A charge is taken from what is left of the account's grants, earliest expiry first
 * (never-expiring last), so that expiry later removes exactly what was not spent.
 */
export function grantsLeftQuery(db: Kysely<Database>, accountId: string) {
  return db
    .selectFrom('credit_grants')
    .select(['id', 'remaining_nano_usd'])
    .where('account_id', '=', accountId)
    .where('remaining_nano_usd', '>', 0)
    .orderBy(sql`expires_at IS NULL`)
    .orderBy('expires_at')
    .orderBy('id');
}

/** How much of `costNanoUsd` each grant gives, in the order of {@link grantsLeftQuery}. */
export function grantTakes(
  grants: ReadonlyArray<{ id: string; remaining_nano_usd: number | string }>,
  costNanoUsd: number,
): Array<{ id: string; take: number }> {
  const takes: Array<{ id: string; take: number }> = [];
  let left = costNanoUsd;
  for (const grant of grants) {
    if (left <= 0) break;
    const take = Math.min(left, Number(grant.remaining_nano_usd));
    takes.push({ id: grant.id, take });
    left -= take;
  }
  return takes;
}

export function takeFromGrantQuery(db: Kysely<Database>, grantId: string, take: number) {
  return db
    .updateTable('credit_grants')
    .set({ remaining_nano_usd: sql`remaining_nano_usd - ${take}` })
    .where('id', '=', grantId);
}
