import { Counter, collectDefaultMetrics, type LabelValues, Registry } from 'prom-client';
import { BucketHistogram } from './bucket-histogram.js';
import { ModelMetrics } from './model-metrics.js';
import { createStateMetrics } from './state-metrics.js';

/** One registry per process (and per test app), so tests never share counters. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    gatewayRequests: new SummedCounter({
      name: 'tollgate_gateway_requests_total',
      help: 'Gateway requests by endpoint and status code',
      labelNames: ['endpoint', 'status'] as const,
      registers: [registry],
    }),
    gatewayDuration: new BucketHistogram({
      name: 'tollgate_gateway_request_duration_seconds',
      help: 'Gateway request duration, first byte from the client to the last byte sent',
      labelNames: ['endpoint'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    usageWriteLag: new BucketHistogram({
      name: 'tollgate_usage_event_write_lag_seconds',
      help: 'Time from an answer to the commit of its usage event, for events written after the answer (fee 0, BYOK): what a process killed outright can lose',
      buckets: [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5, 30],
      registers: [registry],
    }),
    settlementWait: new BucketHistogram({
      name: 'tollgate_settlement_wait_seconds',
      help: 'Time a paid answer waited for its settlement (usage event, ledger entry, balance) to commit, queued and committing: what credits add to its latency',
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.0075, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5],
      registers: [registry],
    }),
    rateLimitFailures: new Counter({
      name: 'tollgate_rate_limit_failures_total',
      help: 'Rate-limit checks whose counter (Redis or the database) failed, by what the request got',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    invalidationPublishFailures: new Counter({
      name: 'tollgate_invalidation_publish_failures_total',
      help: 'Cache invalidations that could not be sent to other instances (they expire by TTL)',
      registers: [registry],
    }),
    sideEffectFailures: new Counter({
      name: 'tollgate_side_effect_failures_total',
      help: 'Work after an answer that failed without failing it (token rate counts, lastUsed writes, clean-ups), by effect; each is logged with its stack',
      labelNames: ['effect'] as const,
      registers: [registry],
    }),
    /** Attempts, requests served, tokens, cost and upstream duration, by provider and model. */
    models: new ModelMetrics(registry),
    state: createStateMetrics(registry),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * A counter by two labels for the gateway's hot path, counted on every request.
 * prom-client's own `inc` builds a hash string of the labels and validates them on every call;
 * this one adds into a Map by the first label's value, then by the second's, and hands the totals
 * to prom-client only when the registry is read (its `collect` hook), so every scrape shows the
 * same series and values.
 */
class SummedCounter<First extends string, Second extends string> {
  private readonly first: First;
  private readonly second: Second;
  private readonly totals = new Map<
    unknown,
    Map<unknown, { labels: LabelValues<First | Second>; value: number }>
  >();

  constructor(config: {
    name: string;
    help: string;
    labelNames: readonly [First, Second];
    registers: Registry[];
  }) {
    [this.first, this.second] = config.labelNames;
    const totals = this.totals;
    // The registry keeps the prom-client counter; it reads these totals when it is scraped.
    new Counter<First | Second>({
      ...config,
      collect() {
        this.reset();
        for (const bySecond of totals.values()) {
          for (const { labels, value } of bySecond.values()) this.inc(labels, value);
        }
      },
    });
  }

  /** The same checks as prom-client's `inc`, so a bad value fails here, not at the next scrape. */
  inc(labels: LabelValues<First | Second>, value = 1): void {
    if (value && !Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    if (value < 0) throw new Error('It is not possible to decrease a counter');
    const firstValue = labels[this.first];
    let bySecond = this.totals.get(firstValue);
    if (!bySecond) {
      bySecond = new Map();
      this.totals.set(firstValue, bySecond);
    }
    const total = bySecond.get(labels[this.second]);
    if (total) total.value += value;
    else bySecond.set(labels[this.second], { labels: { ...labels }, value });
  }
}
