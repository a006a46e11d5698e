import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * A counter's child for the given label values (in `labelNames` order), resolved once per
 * combination: prom-client would otherwise build and hash a label key on every increment.
 * Only for labels with a bounded set of values.
 */
function childrenOf<T extends string>(counter: Counter<T>): (...values: string[]) => Counter.Internal {
  const children = new Map<string, Counter.Internal>();
  return (...values) => {
    const key = values.join('\u0000');
    let child = children.get(key);
    if (!child) {
      child = counter.labels(...values);
      children.set(key, child);
    }
    return child;
  };
}

/** One registry per process (and per test app), so tests never share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const gatewayRequests = new Counter({
    name: 'tollgate_gateway_requests_total',
    help: 'Gateway requests by endpoint and status code',
    labelNames: ['endpoint', 'status'] as const,
    registers: [registry],
  });
  const upstreamAttempts = new Counter({
    name: 'tollgate_upstream_attempts_total',
    help: 'Upstream attempts by provider and outcome',
    labelNames: ['provider', 'outcome'] as const,
    registers: [registry],
  });
  const tokens = new Counter({
    name: 'tollgate_tokens_total',
    help: 'Metered tokens by provider and direction',
    labelNames: ['provider', 'direction'] as const,
    registers: [registry],
  });
  return {
    registry,
    /** (endpoint, status) */
    gatewayRequests: childrenOf(gatewayRequests),
    /** (provider, outcome) */
    upstreamAttempts: childrenOf(upstreamAttempts),
    gatewayDuration: new Histogram({
      name: 'tollgate_gateway_request_duration_seconds',
      help: 'Gateway request duration, first byte from the client to the last byte sent',
      labelNames: ['endpoint'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    /** (provider, direction) */
    tokens: childrenOf(tokens),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
