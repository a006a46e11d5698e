import { describe, expect, it } from 'vitest';
import { InvalidatedCache } from './invalidated-cache.js';
import { InvalidationBus, type RemoteTransport } from './invalidation-bus.js';

/** A remote transport whose health the test sets. */
function transport(): RemoteTransport & { up: boolean } {
  return {
    up: true,
    publish: async () => {},
    start: async () => {},
    healthy() {
      return this.up;
    },
    stop: async () => {},
  };
}

/** A loader that counts its calls and answers a fresh object each time. */
function counter() {
  let calls = 0;
  return {
    load: async () => ({ version: ++calls }),
    calls: () => calls,
  };
}

describe('InvalidatedCache', () => {
  it('loads once, then serves from the cache until a message of its kind drops the entry', async () => {
    const bus = new InvalidationBus([]);
    const cache = new InvalidatedCache<{ version: number }>(bus, { kind: 'configuration' });
    const source = counter();
    expect(await cache.get('c1', source.load)).toEqual({ version: 1 });
    expect(await cache.get('c1', source.load)).toEqual({ version: 1 });
    await bus.publish({ kind: 'access-key', key: 'c1' });
    expect(await cache.get('c1', source.load)).toEqual({ version: 1 });
    await bus.publish({ kind: 'configuration', key: 'c1' });
    expect(await cache.get('c1', source.load)).toEqual({ version: 2 });
    expect(source.calls()).toBe(2);
  });

  it('does not store a value loaded before an invalidation landed', async () => {
    const bus = new InvalidationBus([]);
    const cache = new InvalidatedCache<{ version: number }>(bus, { kind: 'configuration' });
    const stale = cache.get('c1', async () => {
      // The edit lands while the old row is being read.
      await bus.publish({ kind: 'configuration', key: 'c1' });
      return { version: 1 };
    });
    expect(await stale).toEqual({ version: 1 });
    expect(await cache.get('c1', async () => ({ version: 2 }))).toEqual({ version: 2 });
  });

  it('bypasses the cache while a remote transport is down, and does not store what it read then', async () => {
    const remote = transport();
    const bus = new InvalidationBus([remote]);
    const cache = new InvalidatedCache<{ version: number }>(bus, { kind: 'configuration' });
    const source = counter();
    await cache.get('c1', source.load);
    remote.up = false;
    expect(await cache.get('c1', source.load)).toEqual({ version: 2 });
    remote.up = true;
    expect(await cache.get('c1', source.load)).toEqual({ version: 1 });
  });

  it('drops every entry under a key prefix, and does not cache a missing value', async () => {
    const bus = new InvalidationBus([]);
    const cache = new InvalidatedCache<{ version: number }>(bus, { kind: 'provider-keys', drop: 'prefix' });
    const source = counter();
    await cache.get('acct_a\u0000openai', source.load);
    await cache.get('acct_a\u0000anthropic', source.load);
    await cache.get('acct_b\u0000openai', source.load);
    await bus.publish({ kind: 'provider-keys', key: 'acct_a' });
    expect(await cache.get('acct_a\u0000openai', source.load)).toEqual({ version: 4 });
    expect(await cache.get('acct_a\u0000anthropic', source.load)).toEqual({ version: 5 });
    expect(await cache.get('acct_b\u0000openai', source.load)).toEqual({ version: 3 });

    expect(await cache.get('missing', async () => undefined)).toBeUndefined();
    expect(await cache.get('missing', source.load)).toEqual({ version: 6 });
  });
});
