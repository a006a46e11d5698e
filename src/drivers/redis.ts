import type { Redis } from 'ioredis';

/** The ioredis client class, imported on first use: a gateway without `TOLLGATE_REDIS_URL` never loads it. */
export async function loadRedis(): Promise<typeof Redis> {
  return (await import('ioredis')).Redis;
}
