import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, migratedTestStore, redisEnabled, redisUrl } from '../../../test/helpers/databases.js';
import { DatabaseWindowCounter, RedisWindowCounter, type WindowCounter } from './window-counter.js';

const minuteMs = 60_000;

/** The behaviour every counter shares: add returns the running total, read sees it without adding. */
function countsInWindows(counter: () => WindowCounter) {
  it('adds within a window, reads without adding, and keeps windows apart', async () => {
    const key = `tpm:test_${randomBytes(4).toString('hex')}`;
    const window = Math.floor(Date.now() / minuteMs) * minuteMs;
    expect(await counter().read(key, window)).toBe(0);
    expect(await counter().add(key, 5, window, minuteMs)).toBe(5);
    expect(await counter().add(key, 7, window, minuteMs)).toBe(12);
    expect(await counter().read(key, window)).toBe(12);
    expect(await counter().read(key, window)).toBe(12);
    expect(await counter().read(key, window + minuteMs)).toBe(0);
    expect(await counter().add(key, 1, window + minuteMs, minuteMs)).toBe(1);
  });
}

describe.each(dialects)('DatabaseWindowCounter (%s)', (dialect) => {
  const store = migratedTestStore(dialect);

  countsInWindows(
    () =>
      new DatabaseWindowCounter(store().db, (error) => {
        throw error;
      }),
  );
});

describe.skipIf(!redisEnabled)('RedisWindowCounter', () => {
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(redisUrl);
  });

  afterAll(async () => {
    await redis.quit();
  });

  countsInWindows(() => new RedisWindowCounter(redis));
});
