import type { Kysely } from 'kysely';

/**
 * `usage_events.cost_breakdown_json`: what each token class of an attempt cost (input, cached
 * input, 5-minute and 1-hour cache writes, output, reasoning, fee) and how many tokens each was
 * charged for. One text column rather than a dozen integer ones: it is read with its event and
 * never aggregated, and the settlement insert writes it like any other field of the event.
 * Earlier events keep NULL (their `pricing_json` still says what they were charged at).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_events').addColumn('cost_breakdown_json', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('usage_events').dropColumn('cost_breakdown_json').execute();
}
