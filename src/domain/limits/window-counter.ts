import type { Redis } from 'ioredis';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../store/schema.js';

/**
 * Fixed one-window counters shared by every instance: Redis when configured, else the
 * database (one upsert that returns the new total, so there is no read-then-write race).
 */
export interface WindowCounter {
  /** Which dependency the counts live in, for errors and logs. */
  readonly dependency: 'redis' | 'database';
  /** Adds `amount` to the key's current window and returns the window's new total. */
  add(key: string, amount: number, windowStart: number, windowMs: number): Promise<number>;
  /** The key's total in the window, without writing (0 for a window not counted yet). */
  read(key: string, windowStart: number): Promise<number>;
  /** Lets go of a connection of its own, if it has one. */
  close(): Promise<void>;
}

export class DatabaseWindowCounter implements WindowCounter {
  readonly dependency = 'database';
  private lastCleanup = 0;

  constructor(
    private readonly db: Kysely<Database>,
    /** Told when the background clean-up fails: it fails no count, but is logged and counted. */
    private readonly onCleanupFailed: (error: unknown) => void,
  ) {}

  async add(key: string, amount: number, windowStart: number, windowMs: number): Promise<number> {
    const row = await this.db
      .insertInto('rate_counters')
      .values({ counter_key: key, window_start: windowStart, amount })
      .onConflict((conflict) =>
        conflict
          .columns(['counter_key', 'window_start'])
          .doUpdateSet({ amount: sql`rate_counters.amount + ${amount}` }),
      )
      .returning('amount')
      .executeTakeFirstOrThrow();
    this.cleanupOccasionally(windowStart - 10 * windowMs);
    return Number(row.amount);
  }

  async read(key: string, windowStart: number): Promise<number> {
    const row = await this.db
      .selectFrom('rate_counters')
      .select('amount')
      .where('counter_key', '=', key)
      .where('window_start', '=', windowStart)
      .executeTakeFirst();
    return Number(row?.amount ?? 0);
  }

  async close(): Promise<void> {
    // The store's connections belong to the store.
  }

  /** Old windows are deleted in the background at most once a minute. */
  private cleanupOccasionally(before: number): void {
    const now = Date.now();
    if (now - this.lastCleanup < 60_000) return;
    this.lastCleanup = now;
    void this.db
      .deleteFrom('rate_counters')
      .where('window_start', '<', before)
      .execute()
      .catch(this.onCleanupFailed);
  }
}

const redisKeyOf = (key: string, windowStart: number): string => `tollgate:rate:${key}:${windowStart}`;

export class RedisWindowCounter implements WindowCounter {
  readonly dependency = 'redis';

  constructor(private readonly redis: Redis) {}

  async add(key: string, amount: number, windowStart: number, windowMs: number): Promise<number> {
    const redisKey = redisKeyOf(key, windowStart);
    const results = await this.redis
      .multi()
      .incrby(redisKey, amount)
      .pexpire(redisKey, windowMs * 2)
      .exec();
    const [error, total] = results?.[0] ?? [new Error('redis returned no result'), 0];
    if (error) throw error;
    return Number(total);
  }

  async read(key: string, windowStart: number): Promise<number> {
    return Number((await this.redis.get(redisKeyOf(key, windowStart))) ?? 0);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
