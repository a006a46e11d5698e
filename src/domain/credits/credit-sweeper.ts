import type { Kysely } from 'kysely';
import { describeError, type Logger } from '../../observability/logger.js';
import type { Database } from '../../store/schema.js';
import type { CreditLedger } from './credit-ledger.js';
import { releaseExpiredLeases } from './lease-store.js';

/**
 * Background upkeep of credits on every instance: frees the leases and exact holds of instances
 * that died (past their expiry) and removes what is left of expired grants. Running it on several
 * instances at once is safe: each step is idempotent per row.
 */
export class CreditSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(
    private readonly ledger: CreditLedger,
    private readonly db: Kysely<Database>,
    private readonly logger: Logger,
    private readonly intervalMs = 5_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async sweep(now = new Date()): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const released = await this.ledger.releaseStaleReservations(now);
      const leases = await releaseExpiredLeases(this.db, now);
      const expired = await this.ledger.expireGrants(now);
      if (released > 0 || leases > 0 || expired > 0) {
        this.logger.info({ released, leases, expired }, 'credit upkeep');
      }
    } catch (error) {
      this.logger.warn({ err: describeError(error) }, 'credit upkeep failed');
    } finally {
      this.running = false;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
