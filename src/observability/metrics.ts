import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** One registry per process (and per test app), so tests never share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    gatewayRequests: new Counter({
      name: 'tollgate_gateway_requests_total',
      help: 'Gateway requests by endpoint and status code',
      labelNames: ['endpoint', 'status'] as const,
      registers: [registry],
    }),
    upstreamAttempts: new Counter({
      name: 'tollgate_upstream_attempts_total',
      help: 'Upstream attempts by provider and outcome',
      labelNames: ['provider', 'outcome'] as const,
      registers: [registry],
    }),
    gatewayDuration: new Histogram({
      name: 'tollgate_gateway_request_duration_seconds',
      help: 'Gateway request duration, first byte from the client to the last byte sent',
      labelNames: ['endpoint'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    tokens: new Counter({
      name: 'tollgate_tokens_total',
      help: 'Metered tokens by provider and direction',
      labelNames: ['provider', 'direction'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
