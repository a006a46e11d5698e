import type { LabelValues, Metric, Registry } from 'prom-client';

type Labels = Record<string, string | number>;

/** One labelled series: a count per bucket (not cumulative), the sum and the count. */
interface Series {
  labels: Labels;
  buckets: number[];
  sum: number;
  count: number;
  /** Listed when scraped: observed since the last reset (or a label-less series, from the start). */
  shown: boolean;
}

/** What `labels()` returns: the series' own `observe`, found once and kept by the caller. */
export interface HistogramSeries {
  observe(value: number): void;
}

/** A sample as prom-client's registry reads it (its type declarations describe it loosely). */
interface Sample {
  labels: Labels;
  sharedLabels?: Labels;
  value: number;
  metricName: string;
  /** prom-client marks each bucket's sample as having none. */
  exemplar?: null;
}

interface Exported {
  name: string;
  help: string;
  type: 'histogram';
  values: Sample[];
  aggregator: 'sum';
}

/**
 * A histogram for the gateway's hot path, read by a prom-client registry like prom-client's own.
 * prom-client's `observe` (through `labels()` too) validates the labels, builds their hash string
 * and keys the bucket by the bound's string form on every call, three times per gateway request;
 * here a series is an array found once by `labels()`, and an observation is a loop over the
 * bounds and three additions. The registry reads the same samples, in prom-client's order and
 * shape, when it is scraped (`get`, `getForPromString`).
 */
export class BucketHistogram<Label extends string = never> {
  readonly type = 'histogram' as const;
  readonly aggregator = 'sum' as const;
  readonly name: string;
  readonly help: string;
  private readonly bounds: readonly number[];
  private readonly labelNames: readonly Label[];
  private readonly series = new Map<string, Series>();
  /** The series of a histogram without labels, kept so that `observe` looks nothing up. */
  private readonly unlabelled: Series | undefined;

  constructor(config: {
    name: string;
    help: string;
    labelNames?: readonly Label[];
    buckets: readonly number[];
    registers: Registry[];
  }) {
    this.name = config.name;
    this.help = config.help;
    this.bounds = config.buckets;
    this.labelNames = config.labelNames ?? [];
    // A histogram without labels shows its zero series from the start, as prom-client's does.
    if (this.labelNames.length === 0) {
      this.unlabelled = this.seriesOf({});
      this.unlabelled.shown = true;
    }
    // The registry reads a metric's name, type, help, `get`/`getForPromString` and `reset`: all here.
    for (const registry of config.registers) registry.registerMetric(this as unknown as Metric);
  }

  /** The series of these label values. Keep it: each call looks it up anew. */
  labels(values: LabelValues<Label>): HistogramSeries {
    for (const name of Object.keys(values)) {
      if (!this.labelNames.includes(name as Label)) {
        throw new Error(`Label "${name}" is not one of ${this.name}'s: ${this.labelNames.join(', ')}`);
      }
    }
    const series = this.seriesOf(values as Labels);
    return { observe: (value) => this.add(series, value) };
  }

  /** Observes into the series without labels. */
  observe(value: number): void {
    this.add(this.unlabelled ?? this.seriesOf({}), value);
  }

  /** Zeroes every series and hides it until it is observed again, as prom-client's `reset` does. */
  reset(): void {
    for (const series of this.series.values()) {
      series.buckets.fill(0);
      series.sum = 0;
      series.count = 0;
      series.shown = false;
    }
  }

  async get(): Promise<Exported> {
    return this.exported(true);
  }

  /** What the registry's text output reads: the series' labels apart, as prom-client keeps them. */
  async getForPromString(): Promise<Exported> {
    return this.exported(false);
  }

  private seriesOf(labels: Labels): Series {
    const key = this.labelNames.map((name) => String(labels[name] ?? '')).join('\u0000');
    let series = this.series.get(key);
    if (series === undefined) {
      series = { labels: { ...labels }, buckets: this.bounds.map(() => 0), sum: 0, count: 0, shown: false };
      this.series.set(key, series);
    }
    return series;
  }

  private add(series: Series, value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const bounds = this.bounds;
    for (let index = 0; index < bounds.length; index++) {
      if (value <= bounds[index]!) {
        series.buckets[index]!++;
        break;
      }
    }
    series.sum += value;
    series.count++;
    series.shown = true;
  }

  /**
   * prom-client's samples: per series, each bound's cumulative count (`le`), `+Inf`, the sum and
   * the count. `get` merges the series' labels into each sample's; the text output takes them
   * apart as `sharedLabels`.
   */
  private exported(merged: boolean): Exported {
    const values: Sample[] = [];
    const sample = (own: Labels, value: number, suffix: string, series: Series) => {
      const metricName = `${this.name}${suffix}`;
      const exemplar = suffix === '_bucket' ? { exemplar: null } : {};
      values.push(
        merged
          ? { labels: { ...own, ...series.labels }, value, metricName, ...exemplar }
          : { labels: own, sharedLabels: series.labels, value, metricName, ...exemplar },
      );
    };
    for (const series of this.series.values()) {
      if (!series.shown) continue;
      let cumulative = 0;
      this.bounds.forEach((bound, index) => {
        cumulative += series.buckets[index]!;
        sample({ le: bound }, cumulative, '_bucket', series);
      });
      sample({ le: '+Inf' }, series.count, '_bucket', series);
      sample({}, series.sum, '_sum', series);
      sample({}, series.count, '_count', series);
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }
}
