import { describe, expect, it } from 'vitest';
import { migratedTestStore, postgresEnabled } from '../../test/helpers/databases.js';
import { usageEventRow } from '../../test/helpers/usage-rows.js';
import { jsonRowsInsertQuery, PostgresStatements } from './postgres-statements.js';

describe.runIf(postgresEnabled)('Postgres statements prepared once', () => {
  const store = migratedTestStore('postgres');

  it('inserts rows as JSON exactly as given: quotes, newlines, unicode, nulls and large integers', async () => {
    const statements = new PostgresStatements(store().pool!);
    const rows = [
      usageEventRow({
        request_id: 'rq_json_1',
        stop_reason: 'it said "no"\nthen \\ stopped ✓ 🙂',
        provider_key_id: null,
        cost_nano_usd: 9_007_199_254_740_991,
        pricing_json: '{"input":"0.15"}',
      }),
      usageEventRow({ request_id: 'rq_json_1', cost_nano_usd: -5 }),
    ];
    await statements.run(jsonRowsInsertQuery('usage_events', rows));

    const stored = await store()
      .db.selectFrom('usage_events')
      .select(['id', 'stop_reason', 'provider_key_id', 'cost_nano_usd', 'pricing_json', 'is_final_attempt'])
      .where('request_id', '=', 'rq_json_1')
      .execute();
    const byId = new Map(stored.map((row) => [row.id, row]));
    for (const row of rows) {
      const found = byId.get(row.id)!;
      expect(found.stop_reason).toBe(row.stop_reason);
      expect(found.provider_key_id).toBeNull();
      expect(Number(found.cost_nano_usd)).toBe(row.cost_nano_usd);
      expect(found.pricing_json).toBe(row.pricing_json ?? null);
      expect(Number(found.is_final_attempt)).toBe(1);
    }
  });

  it('runs the same text for any number of rows, so one prepared statement serves every batch', async () => {
    const statements = new PostgresStatements(store().pool!);
    const one = jsonRowsInsertQuery('usage_events', [usageEventRow({ request_id: 'rq_json_2' })]);
    const three = jsonRowsInsertQuery(
      'usage_events',
      Array.from({ length: 3 }, () => usageEventRow({ request_id: 'rq_json_2' })),
    );
    expect(three.text).toBe(one.text);
    // More runs than Postgres plans one by one before it keeps a generic plan.
    for (let run = 0; run < 7; run++) {
      await statements.run(jsonRowsInsertQuery('usage_events', [usageEventRow({ request_id: 'rq_json_2' })]));
    }
    await statements.run(three);
    const count = await store()
      .db.selectFrom('usage_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('request_id', '=', 'rq_json_2')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(10);
  });
});
