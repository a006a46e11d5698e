import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../../test/helpers/databases.js';
import { openStore, type Store } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import type { NewUsageEvent } from '../../store/schema.js';
import { UsageBatchWriter } from './usage-batch-writer.js';

let sequence = 0;

function usageEvent(requestId: string): NewUsageEvent {
  sequence++;
  return {
    id: `ue_test_${sequence}`,
    account_id: 'acct_test',
    request_id: requestId,
    access_key_id: 'ak_test',
    event_time: new Date().toISOString(),
    provider: 'openai',
    provider_display_name: 'OpenAI',
    model: 'gpt-4o-mini',
    model_display_name: 'GPT-4o mini',
    attempt_number: 1,
    is_final_attempt: 1,
    status_code: 200,
    timed_out: 0,
    is_error: 0,
    is_streaming: 0,
    stop_reason: 'stop',
    input_tokens: 12,
    output_tokens: 3,
    cache_read_tokens: 0,
    cache_write_tokens: 0,
    reasoning_tokens: 0,
    cost_nano_usd: 0,
    key_source: 'user',
    provider_key_id: 'pk_test',
    provider_key_display_name: 'main',
    usage_estimated: 0,
    retry_action: 'succeeded',
    completion: 'succeeded',
    served: 1,
    upstream_duration_ms: 20,
    pricing_json: '{}',
  };
}

describe.each(dialects)('UsageBatchWriter (%s)', (dialect) => {
  let database: TestDatabase;
  let store: Store;

  const rowsOf = async (requestId: string) =>
    store.db.selectFrom('usage_events').selectAll().where('request_id', '=', requestId).execute();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = openStore(
      database.url.startsWith('sqlite:')
        ? { dialect: 'sqlite', path: database.url.slice('sqlite:'.length) }
        : { dialect: 'postgres', url: database.url },
    );
    await migrateToLatest(store.db);
  });

  afterAll(async () => {
    await store.close();
    await database.drop();
  });

  it('writes queued events in the background, without being asked', async () => {
    const writer = new UsageBatchWriter(store.db, store.sqlite, () => {});
    writer.enqueue(usageEvent('rq_background'));
    writer.enqueue(usageEvent('rq_background'));
    for (let waited = 0; waited < 5_000 && (await rowsOf('rq_background')).length < 2; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const rows = await rowsOf('rq_background');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ provider: 'openai', input_tokens: 12, output_tokens: 3, served: 1 });
  });

  it('settled() resolves only once every event queued before it is in the database', async () => {
    const writer = new UsageBatchWriter(store.db, store.sqlite, () => {});
    const events = Array.from({ length: 1_200 }, () => usageEvent('rq_settled'));
    for (const event of events) writer.enqueue(event);
    await writer.settled();
    // More than one statement's worth (500 rows), all of them, each once.
    const rows = await rowsOf('rq_settled');
    expect(rows).toHaveLength(1_200);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(events.map((event) => event.id)));
  });

  it('retries a failed batch, then writes its events one by one and reports only those that fail', async () => {
    const lost: Array<{ message: string; events: number }> = [];
    const writer = new UsageBatchWriter(
      store.db,
      store.sqlite,
      (error, events) => lost.push({ message: String(error), events }),
      [1, 1],
    );
    // The same id twice: the second batch breaks the primary key on every try.
    const event = usageEvent('rq_duplicate');
    writer.enqueue(event);
    await writer.settled();
    writer.enqueue({ ...event });
    writer.enqueue(usageEvent('rq_duplicate'));
    await writer.settled();
    expect(lost).toHaveLength(1);
    expect(lost[0]?.events).toBe(1);
    expect(lost[0]?.message).toMatch(/unique|duplicate/i);
    // The good event of the failed batch is written; the duplicate is not.
    expect(await rowsOf('rq_duplicate')).toHaveLength(2);
    // The writer goes on after a loss.
    writer.enqueue(usageEvent('rq_after_loss'));
    await writer.settled();
    expect(await rowsOf('rq_after_loss')).toHaveLength(1);
  });
});
