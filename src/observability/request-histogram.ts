/**
 * A histogram for the per-request figures of /metrics, cheaper to observe than prom-client's.
 *
 * prom-client's `Histogram.observe(labels, value)` validates the label names, builds a hash string of
 * the label values and allocates a closure and two objects on every call: a few microseconds per
 * request for our two observations, a visible part of a cold request's fixed cost. Here the label
 * values are given positionally, the series is found by one Map lookup (the combinations are few and
 * bounded by the caller), and the buckets are a typed array.
 *
 * The scrape output is prom-client's own: `get()` returns exactly the values a prom-client Histogram
 * returns (same order, labels, bucket names, `+Inf`, `_sum`, `_count`), and the Registry formats them,
 * so the text of /metrics does not change by a byte.
 */
import type { Registry } from 'prom-client';

export interface RequestHistogramOptions<L extends string> {
  name: string;
  help: string;
  /** Label names, in the order `observe` takes their values. */
  labelNames: readonly L[];
  /** Upper bounds, ascending (as prom-client's `buckets`). */
  buckets: readonly number[];
  registry: Registry;
}

interface Series {
  labels: Record<string, string>;
  /** Observations per bucket (not cumulative); the last slot counts those above every bound. */
  counts: Float64Array;
  sum: number;
  count: number;
}

export class RequestHistogram<L extends string = never> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly name: string;
  readonly help: string;
  private readonly labelNames: readonly L[];
  private readonly bounds: readonly number[];
  private readonly series = new Map<string, Series>();

  constructor(options: RequestHistogramOptions<L>) {
    this.name = options.name;
    this.help = options.help;
    this.labelNames = options.labelNames;
    this.bounds = options.buckets;
    // As prom-client: a histogram without labels reports its (zero) series before any observation.
    if (this.labelNames.length === 0) this.seriesFor([]);
    (options.registry as unknown as { registerMetric(metric: unknown): void }).registerMetric(this);
  }

  /** Counts `value` in the series of these label values (given in `labelNames` order). */
  observe(labelValues: readonly string[], value: number): void {
    if (!Number.isFinite(value)) throw new TypeError(`Value is not a valid number: ${value}`);
    const series = this.seriesFor(labelValues);
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && value > bounds[i]!) i++;
    series.counts[i]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** What prom-client's Histogram.get() returns for the same observations. */
  get() {
    const bucketName = `${this.name}_bucket`;
    const values: Array<{ labels: Record<string, string | number>; sharedLabels: Record<string, string>; value: number; metricName: string; exemplar: null | undefined }> = [];
    for (const series of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        cumulative += series.counts[i]!;
        values.push({ labels: { le: this.bounds[i]! }, sharedLabels: series.labels, value: cumulative, metricName: bucketName, exemplar: null });
      }
      values.push({ labels: { le: '+Inf' }, sharedLabels: series.labels, value: series.count, metricName: bucketName, exemplar: null });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.sum, metricName: `${this.name}_sum`, exemplar: undefined });
      values.push({ labels: {}, sharedLabels: series.labels, value: series.count, metricName: `${this.name}_count`, exemplar: undefined });
    }
    return { name: this.name, help: this.help, type: this.type, values, aggregator: this.aggregator };
  }

  reset(): void {
    this.series.clear();
    if (this.labelNames.length === 0) this.seriesFor([]);
  }

  private seriesFor(labelValues: readonly string[]): Series {
    // NUL never occurs in our label values (operation names and fixed words), so keys cannot collide.
    const key = labelValues.length === 1 ? labelValues[0]! : labelValues.join('\u0000');
    let series = this.series.get(key);
    if (series === undefined) {
      if (labelValues.length !== this.labelNames.length) {
        throw new Error(`${this.name} takes ${this.labelNames.length} label values (${this.labelNames.join(', ')}), got ${labelValues.length}`);
      }
      const labels: Record<string, string> = {};
      this.labelNames.forEach((name, i) => (labels[name] = labelValues[i]!));
      series = { labels, counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
      this.series.set(key, series);
    }
    return series;
  }
}
