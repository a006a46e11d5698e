import { describe, expect, it } from 'vitest';
import { checkReadiness } from './readiness.js';

const probe = (up: boolean) => async () => up;

describe('checkReadiness', () => {
  it('is ready with every dependency up', async () => {
    expect(await checkReadiness({ database: probe(true), redis: probe(true), redisRequired: false })).toEqual(
      {
        ready: true,
        body: { status: 'ok', database: 'ok', redis: 'ok' },
      },
    );
  });

  it('says Redis is not configured when it is not', async () => {
    const readiness = await checkReadiness({ database: probe(true), redis: undefined, redisRequired: false });
    expect(readiness.body.redis).toBe('not configured');
    expect(readiness.ready).toBe(true);
  });

  it('is not ready without the database', async () => {
    const readiness = await checkReadiness({
      database: probe(false),
      redis: probe(true),
      redisRequired: false,
    });
    expect(readiness).toEqual({
      ready: false,
      body: { status: 'unavailable', database: 'unreachable', redis: 'ok' },
    });
  });

  it('is degraded but ready without Redis when rate limits fail open', async () => {
    const readiness = await checkReadiness({
      database: probe(true),
      redis: probe(false),
      redisRequired: false,
    });
    expect(readiness).toEqual({
      ready: true,
      body: { status: 'degraded', database: 'ok', redis: 'unreachable' },
    });
  });

  it('is not ready without Redis when rate limits fail closed', async () => {
    const readiness = await checkReadiness({
      database: probe(true),
      redis: probe(false),
      redisRequired: true,
    });
    expect(readiness.ready).toBe(false);
    expect(readiness.body.status).toBe('unavailable');
  });
});
