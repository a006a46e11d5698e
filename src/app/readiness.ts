/** What `/readyz` answers: one entry per dependency, and whether this instance can serve. */
export interface Readiness {
  ready: boolean;
  body: {
    status: 'ok' | 'degraded' | 'unavailable';
    database: 'ok' | 'unreachable';
    redis: 'ok' | 'unreachable' | 'not configured';
  };
}

export interface ReadinessProbes {
  database(): Promise<boolean>;
  /** Undefined when no Redis is configured. */
  redis: (() => Promise<boolean>) | undefined;
  /** Rate limits fail closed without Redis: then an instance without it cannot serve them. */
  redisRequired: boolean;
}

/**
 * Checks each dependency. Without the database nothing can be served (503). Without Redis the
 * gateway still serves (caches are bypassed, rate limits fail open by default), so the
 * instance is reported `degraded` but ready, unless rate limits fail closed: taking every
 * instance out of a load balancer at once because Redis is down would turn a degraded
 * service into an outage.
 */
export async function checkReadiness(probes: ReadinessProbes): Promise<Readiness> {
  const [database, redis] = await Promise.all([
    probes.database(),
    probes.redis ? probes.redis() : Promise.resolve(undefined),
  ]);
  const redisState = redis === undefined ? 'not configured' : redis ? 'ok' : 'unreachable';
  const ready = database && (redis !== false || !probes.redisRequired);
  const status = !ready ? 'unavailable' : redis === false ? 'degraded' : 'ok';
  return { ready, body: { status, database: database ? 'ok' : 'unreachable', redis: redisState } };
}
