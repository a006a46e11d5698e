import { Counter, type Registry } from 'prom-client';
import type { NewUsageEvent } from '../store/schema.js';
import { BucketHistogram, type HistogramSeries } from './bucket-histogram.js';

/** Token kinds a usage event counts, as the `direction` label says them. */
const tokenKinds = [
  ['input', 'input_tokens'],
  ['output', 'output_tokens'],
  ['cache_read', 'cache_read_tokens'],
  ['cache_write', 'cache_write_tokens'],
  ['reasoning', 'reasoning_tokens'],
] as const;

/** What one provider and model did since start. */
interface ModelTotals {
  provider: string;
  model: string;
  attempts: Map<string, number>;
  served: number;
  tokens: number[];
  costNanoUsd: number;
  duration: HistogramSeries;
}

/**
 * Per provider and model (never per key: keys are unbounded, models are the catalog's): upstream
 * attempts by outcome, requests served, tokens by kind, cost, and upstream duration. An attempt
 * updates plain numbers in one record found by one map lookup; prom-client's counters read them
 * when the registry is scraped (their `collect` hooks), so the hot path never hashes labels.
 */
export class ModelMetrics {
  private readonly totals = new Map<string, ModelTotals>();
  private readonly duration: BucketHistogram<'provider' | 'model'>;

  constructor(registry: Registry) {
    const totals = this.totals;
    const counter = (
      name: string,
      help: string,
      labelNames: string[],
      fill: (counter: Counter<string>, entry: ModelTotals) => void,
    ) =>
      new Counter({
        name,
        help,
        labelNames,
        registers: [registry],
        collect() {
          this.reset();
          for (const entry of totals.values()) fill(this, entry);
        },
      });
    counter(
      'tollgate_upstream_attempts_total',
      'Upstream attempts by provider, model and outcome (succeeded, failed, aborted, …)',
      ['provider', 'model', 'outcome'],
      (metric, entry) => {
        for (const [outcome, count] of entry.attempts) {
          metric.inc({ provider: entry.provider, model: entry.model, outcome }, count);
        }
      },
    );
    counter(
      'tollgate_requests_served_total',
      'Gateway requests answered by an upstream attempt, by the provider and model that served them',
      ['provider', 'model'],
      (metric, entry) => {
        if (entry.served > 0) metric.inc({ provider: entry.provider, model: entry.model }, entry.served);
      },
    );
    counter(
      'tollgate_tokens_total',
      'Metered tokens by provider, model and direction (input, output, cache_read, cache_write, reasoning)',
      ['provider', 'model', 'direction'],
      (metric, entry) => {
        tokenKinds.forEach(([direction], index) => {
          const count = entry.tokens[index] ?? 0;
          if (count > 0) metric.inc({ provider: entry.provider, model: entry.model, direction }, count);
        });
      },
    );
    counter(
      'tollgate_cost_usd_total',
      'Cost charged for upstream attempts, in US dollars, by provider and model',
      ['provider', 'model'],
      (metric, entry) => {
        if (entry.costNanoUsd > 0) {
          metric.inc({ provider: entry.provider, model: entry.model }, entry.costNanoUsd / 1e9);
        }
      },
    );
    this.duration = new BucketHistogram({
      name: 'tollgate_upstream_duration_seconds',
      help: 'Upstream attempt duration, request sent to answer complete, by provider and model',
      labelNames: ['provider', 'model'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    });
  }

  /** Counts one recorded attempt (a usage event). */
  attempt(event: NewUsageEvent): void {
    const entry = this.entry(event.provider, event.model);
    entry.attempts.set(event.completion, (entry.attempts.get(event.completion) ?? 0) + 1);
    if (event.served) entry.served++;
    tokenKinds.forEach(([, column], index) => {
      entry.tokens[index] = (entry.tokens[index] ?? 0) + event[column];
    });
    entry.costNanoUsd += event.cost_nano_usd;
    entry.duration.observe(event.upstream_duration_ms / 1_000);
  }

  private entry(provider: string, model: string): ModelTotals {
    const key = `${provider}\u0000${model}`;
    let entry = this.totals.get(key);
    if (entry === undefined) {
      entry = {
        provider,
        model,
        attempts: new Map(),
        served: 0,
        tokens: tokenKinds.map(() => 0),
        costNanoUsd: 0,
        duration: this.duration.labels({ provider, model }),
      };
      this.totals.set(key, entry);
    }
    return entry;
  }
}
