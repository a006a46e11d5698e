import type { Redis } from 'ioredis';

/** The ioredis client class, imported on first use: a gateway without `TOLLGATE_REDIS_URL` never loads it. */
export async function loadRedis(): Promise<typeof Redis> {
  // ioredis's module.exports is the client class itself. The bundle's import() of a CommonJS module
  // keeps only `default` (module.exports), not the named exports Node's own import() adds.
  const module = (await import('ioredis')) as unknown as { default: typeof Redis };
  return module.default;
}
