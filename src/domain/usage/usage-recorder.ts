import type { NewUsageEvent } from '../../store/schema.js';
import type { CreditHold } from '../credits/credit-hold.js';
import type { SettlementWriter } from '../credits/settlement-writer.js';
import type { UsageBatchWriter } from './usage-batch-writer.js';

/**
 * Writes one usage event. One that moves money (a cost, or the release of its request's credit
 * hold) commits with its settlement (ledger entries, balance, grants, key spend, the hold) before
 * its answer is served, group-committed with the other settlements of the moment
 * (SettlementWriter), so no charge exists without its event; one that moves none is written in
 * the background right after (UsageBatchWriter).
 */
export class UsageRecorder {
  constructor(
    private readonly settlements: SettlementWriter,
    private readonly batchWriter: UsageBatchWriter,
  ) {}

  /** `event` is written as it is (its id included): no copy of a 37-field row per request. */
  async record(event: NewUsageEvent, release?: CreditHold): Promise<void> {
    if (event.cost_nano_usd === 0 && release === undefined) this.batchWriter.enqueue(event);
    else await this.settlements.settle({ event, release });
  }

  /**
   * Resolves true once every event recorded so far is in the database (read-your-writes), or
   * false after `timeoutMs` while the database fails.
   */
  settled(timeoutMs?: number): Promise<boolean> {
    return this.batchWriter.settled(timeoutMs);
  }

  /** For a graceful stop: events still unwritten after `timeoutMs` are reported lost. */
  async stop(timeoutMs: number): Promise<void> {
    await this.settlements.idle();
    await this.batchWriter.stop(timeoutMs);
  }
}
