import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisEnabled, redisUrl } from '../../../test/helpers/databases.js';
import { InvalidationBus, type InvalidationHandler } from './invalidation-bus.js';
import { RedisTransport } from './redis-transport.js';

/**
 * Redis alone carries invalidations between two buses here: no Postgres, so no LISTEN/NOTIFY
 * could deliver them instead, and a publish that did nothing would fail.
 */
describe.skipIf(!redisEnabled)('RedisTransport between two instances (no Postgres)', () => {
  const logger = pino({ level: 'silent' });
  let publisher: InvalidationBus;
  let listener: InvalidationBus;
  const heard: Array<Parameters<InvalidationHandler>[0]> = [];

  beforeAll(async () => {
    publisher = new InvalidationBus([new RedisTransport(Redis, redisUrl, logger)]);
    const listening = new RedisTransport(Redis, redisUrl, logger);
    listener = new InvalidationBus([listening]);
    listener.subscribe((message) => heard.push(message));
    await publisher.start();
    await listener.start();
  });

  afterAll(async () => {
    await publisher?.stop();
    await listener?.stop();
  });

  it("delivers one instance's invalidation to the other", async () => {
    const key = `revoked-${Date.now()}`;
    await publisher.publish({ kind: 'access-key', key });
    await expect.poll(() => heard, { timeout: 2_000 }).toContainEqual({ kind: 'access-key', key });
  });

  it('reports the transport healthy while subscribed', () => {
    expect(listener.cachingAllowed()).toBe(true);
  });
});
