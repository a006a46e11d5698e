import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dialects,
  openTestStore,
  type TestDatabase,
} from '../../../test/helpers/databases.js';
import { usageEventRow } from '../../../test/helpers/usage-rows.js';
import type { Store } from '../../store/connect.js';
import { migrateToLatest } from '../../store/migrate.js';
import type { NewUsageEvent } from '../../store/schema.js';
import { UsageBatchWriter } from './usage-batch-writer.js';

function usageEvent(requestId: string): NewUsageEvent {
  return usageEventRow({ request_id: requestId, model: 'gpt-4o-mini', input_tokens: 12, output_tokens: 3 });
}

describe.each(dialects)('UsageBatchWriter (%s)', (dialect) => {
  let database: TestDatabase;
  let store: Store;

  const rowsOf = async (requestId: string) =>
    store.db.selectFrom('usage_events').selectAll().where('request_id', '=', requestId).execute();

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = openTestStore(database);
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
