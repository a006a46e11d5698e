import type { Kysely } from 'kysely';
import type { Database, NewUsageEvent } from '../../store/schema.js';
import { newId } from '../ids.js';
import type { UsageBatchWriter } from './usage-batch-writer.js';

/** Work that must commit or fail together with the usage event (credit settlement). */
export type InTransaction = (transaction: Kysely<Database>, event: NewUsageEvent) => Promise<void>;

/**
 * Writes one usage event and its ledger entry in one transaction, so that no charge exists
 * without its event. An event that moves money commits before its answer is served; one that
 * moves none is written in the background right after (UsageBatchWriter).
 */
export class UsageRecorder {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly batchWriter: UsageBatchWriter,
  ) {}

  async record(event: Omit<NewUsageEvent, 'id'>, alsoInTransaction?: InTransaction): Promise<NewUsageEvent> {
    const row: NewUsageEvent = { id: newId('ue'), ...event };
    // An event that charges and settles nothing is the whole transaction: it can be group-committed.
    if (row.cost_nano_usd === 0 && alsoInTransaction === undefined) {
      this.batchWriter.enqueue(row);
      return row;
    }
    await this.db.transaction().execute(async (transaction) => {
      await transaction.insertInto('usage_events').values(row).execute();
      if (row.cost_nano_usd !== 0) {
        await transaction
          .insertInto('ledger_entries')
          .values({
            id: newId('le'),
            account_id: row.account_id,
            kind: 'usage',
            amount_nano_usd: -row.cost_nano_usd,
            request_id: row.request_id,
            usage_event_id: row.id,
            created_at: row.event_time,
          })
          .execute();
      }
      if (alsoInTransaction) await alsoInTransaction(transaction, row);
    });
    return row;
  }

  /**
   * Resolves true once every event recorded so far is in the database (read-your-writes), or
   * false after `timeoutMs` while the database fails.
   */
  settled(timeoutMs?: number): Promise<boolean> {
    return this.batchWriter.settled(timeoutMs);
  }

  /** For a graceful stop: events still unwritten after `timeoutMs` are reported lost. */
  stop(timeoutMs: number): Promise<void> {
    return this.batchWriter.stop(timeoutMs);
  }
}
