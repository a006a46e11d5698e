import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * Takes a charge from what is left of the account's grants, earliest expiry first (never-expiring
 * last), so that expiry later removes exactly what was not spent. In the charge's transaction.
 */
export async function consumeGrants(
  transaction: Kysely<Database>,
  accountId: string,
  costNanoUsd: number,
): Promise<void> {
  const grants = await transaction
    .selectFrom('credit_grants')
    .select(['id', 'remaining_nano_usd'])
    .where('account_id', '=', accountId)
    .where('remaining_nano_usd', '>', 0)
    .orderBy(sql`expires_at IS NULL`)
    .orderBy('expires_at')
    .orderBy('id')
    .execute();
  let left = costNanoUsd;
  for (const grant of grants) {
    if (left <= 0) break;
    const take = Math.min(left, Number(grant.remaining_nano_usd));
    await transaction
      .updateTable('credit_grants')
      .set({ remaining_nano_usd: sql`remaining_nano_usd - ${take}` })
      .where('id', '=', grant.id)
      .execute();
    left -= take;
  }
}
