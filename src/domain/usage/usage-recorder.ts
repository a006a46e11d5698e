import type { Kysely } from 'kysely';
import type { Database, NewUsageEvent } from '../../store/schema.js';
import { newId } from '../ids.js';
import type { UsageBatchWriter } from './usage-batch-writer.js';

/** Work that must commit or fail together with the usage event: the credit settlement and its ledger entry. */
export type InTransaction = (transaction: Kysely<Database>, event: NewUsageEvent) => Promise<void>;

/**
 * Writes one usage event. One that moves money commits in one transaction with its settlement
 * (CreditLedger.settleInTransaction: balance, ledger entry, hold) before its answer is served, so
 * no charge exists without its event; one that moves none is written in the background right
 * after (UsageBatchWriter).
 */
export class UsageRecorder {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly batchWriter: UsageBatchWriter,
  ) {}

  async record(event: Omit<NewUsageEvent, 'id'>, alsoInTransaction?: InTransaction): Promise<NewUsageEvent> {
    const row: NewUsageEvent = { id: newId('ue'), ...event };
    // An event that charges and settles nothing is the whole transaction: it can be group-committed.
    if (alsoInTransaction === undefined) {
      // A charge without its settlement would be an event the ledger never hears of.
      if (row.cost_nano_usd !== 0) throw new Error('a usage event with a cost needs its settlement');
      this.batchWriter.enqueue(row);
      return row;
    }
    await this.db.transaction().execute(async (transaction) => {
      await transaction.insertInto('usage_events').values(row).execute();
      await alsoInTransaction(transaction, row);
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
