import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  dialects,
  migratedTestStore,
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
  const store = migratedTestStore(dialect);

  const rowsOf = async (requestId: string) =>
    store().db.selectFrom('usage_events').selectAll().where('request_id', '=', requestId).execute();

  const noLoss = { onLost: () => {} };

  it('writes queued events in the background, without being asked', async () => {
    const writer = new UsageBatchWriter(store(), noLoss);
    writer.enqueue(usageEvent('rq_background'));
    writer.enqueue(usageEvent('rq_background'));
    for (let waited = 0; waited < 5_000 && (await rowsOf('rq_background')).length < 2; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const rows = await rowsOf('rq_background');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ provider: 'openai', input_tokens: 12, output_tokens: 3, served: 1 });
  });

  it('holds events until their window ends, and settled() does not wait for the window', async () => {
    const writer = new UsageBatchWriter(store(), { ...noLoss, batchWindowMs: 60_000 });
    writer.enqueue(usageEvent('rq_window'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    writer.enqueue(usageEvent('rq_window'));
    // Still in its window: nothing written yet.
    expect(await rowsOf('rq_window')).toHaveLength(0);
    expect(await writer.settled()).toBe(true);
    expect(await rowsOf('rq_window')).toHaveLength(2);
    await writer.stop(1_000);
  });

  it('settled() resolves true once every queued event is in the database', async () => {
    const writer = new UsageBatchWriter(store(), noLoss);
    const events = Array.from({ length: 1_200 }, () => usageEvent('rq_settled'));
    for (const event of events) writer.enqueue(event);
    expect(await writer.settled()).toBe(true);
    // More than one statement's worth (500 rows), all of them, each once.
    const rows = await rowsOf('rq_settled');
    expect(rows).toHaveLength(1_200);
    expect(new Set(rows.map((row) => row.id))).toEqual(new Set(events.map((event) => event.id)));
  });

  it('writes an event again without doubling it (a retry after a commit whose reply was lost)', async () => {
    const lost: number[] = [];
    const writer = new UsageBatchWriter(store(), {
      onLost: (_error, events) => lost.push(events),
    });
    const event = usageEvent('rq_again');
    writer.enqueue(event);
    await writer.settled();
    writer.enqueue({ ...event });
    expect(await writer.settled()).toBe(true);
    expect(await rowsOf('rq_again')).toHaveLength(1);
    expect(lost).toEqual([]);
  });

  it('drops and reports only the bad event of a batch that keeps failing', async () => {
    const lost: Array<{ message: string; events: number }> = [];
    const writer = new UsageBatchWriter(store(), {
      onLost: (error, events) => lost.push({ message: String(error), events }),
      retryDelaysMs: [1, 1],
    });
    writer.enqueue(usageEvent('rq_bad_batch'));
    // A row the schema refuses (account_id is NOT NULL), between two good ones.
    writer.enqueue({ ...usageEvent('rq_bad_batch'), account_id: null as unknown as string });
    writer.enqueue(usageEvent('rq_bad_batch'));
    expect(await writer.settled()).toBe(true);
    expect(lost).toHaveLength(1);
    expect(lost[0]?.events).toBe(1);
    expect(lost[0]?.message).toMatch(/null/i);
    expect(await rowsOf('rq_bad_batch')).toHaveLength(2);
  });

  describe('while the database does not take writes', () => {
    let down: TestDatabase;
    let downStore: Store;

    beforeAll(async () => {
      // A database without the schema yet: every insert fails, as during an outage.
      down = await createTestDatabase(dialect);
      downStore = await openTestStore(down);
    });

    afterAll(async () => {
      await downStore.close();
      await down.drop();
    });

    it('keeps the events, bounded, and writes them all once the database is back', async () => {
      const lost: number[] = [];
      const writer = new UsageBatchWriter(downStore, {
        onLost: (_error, events) => lost.push(events),
        retryDelaysMs: [1, 5],
        maxQueued: 3,
      });
      const events = Array.from({ length: 4 }, () => usageEvent('rq_outage'));
      for (const event of events) writer.enqueue(event);
      // The fourth does not fit in the queue.
      expect(lost).toEqual([1]);
      expect(await writer.settled(100)).toBe(false);
      expect(lost).toEqual([1]);

      await migrateToLatest(downStore.db);
      expect(await writer.settled(10_000)).toBe(true);
      const rows = await downStore.db
        .selectFrom('usage_events')
        .select('id')
        .where('request_id', '=', 'rq_outage')
        .execute();
      expect(rows.map((row) => row.id).sort()).toEqual(
        events
          .slice(0, 3)
          .map((event) => event.id)
          .sort(),
      );
      expect(lost).toEqual([1]);
    });

    it('a stop reports what the database never took, and refuses later events', async () => {
      await sql`DROP TABLE usage_events`.execute(downStore.db);
      const lost: number[] = [];
      const writer = new UsageBatchWriter(downStore, {
        onLost: (_error, events) => lost.push(events),
        retryDelaysMs: [1, 5],
      });
      writer.enqueue(usageEvent('rq_stopped'));
      writer.enqueue(usageEvent('rq_stopped'));
      await writer.stop(50);
      expect(lost).toEqual([2]);
      writer.enqueue(usageEvent('rq_stopped'));
      expect(lost).toEqual([2, 1]);
    });
  });
});
