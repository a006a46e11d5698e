import type { Kysely } from 'kysely';

/**
 * The provider's request id on each usage event (`x-request-id` / `request-id`), so that a
 * provider support ticket can cite the call. Nullable: older events, and attempts that got no
 * answer, have none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_events').addColumn('upstream_request_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_events').dropColumn('upstream_request_id').execute();
}
