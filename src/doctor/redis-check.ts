import { loadRedis } from '../drivers/redis.js';
import { type CheckResult, fail, messageOf, ok } from './check-result.js';

/** Connects to Redis once and sends PING, giving up after `timeoutMs`. */
export async function redisCheck(url: string | undefined, timeoutMs = 3_000): Promise<CheckResult> {
  if (url === undefined)
    return ok('redis', 'not configured (TOLLGATE_REDIS_URL): caches are invalidated through the database');
  const where = new URL(url);
  const name = 'redis';
  const Redis = await loadRedis();
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // The connection's own error says why (ECONNREFUSED, a DNS failure); connect() only that it closed.
  let connectionError: Error | undefined;
  client.on('error', (error: Error) => {
    connectionError ??= error;
  });
  try {
    await client.connect();
    const answer = await client.ping();
    return ok(name, `${where.hostname}:${where.port || 6379} answered ${answer}`);
  } catch (error) {
    return fail(name, `${where.hostname}:${where.port || 6379}: ${messageOf(connectionError ?? error)}`);
  } finally {
    client.disconnect();
  }
}
