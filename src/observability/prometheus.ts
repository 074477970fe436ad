/**
 * GET /metrics (prom-client): request duration by operation and outcome, SQL statements per request,
 * cache figures per namespace, ingest counters, the search index, and Node's process metrics.
 *
 * Label values are bounded by construction: an operation is labelled with its name only when it is one
 * of the trusted documents (operations/*.graphql), else `other` (or `(anonymous)`); namespaces are a
 * fixed set. Never a symbol, a query text or a cache key.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { CacheMetricsSource, RequestCounters } from '../modules/metrics/metrics.service.js';
import type { IngestSummary } from '../modules/market/ingest/ingest.service.js';
import { RequestHistogram } from './request-histogram.js';
import type { RequestObservation } from './request-observer.js';

const NO_LABELS: readonly string[] = [];

export interface PrometheusSources {
  counters: RequestCounters;
  cache: CacheMetricsSource;
  /** The live search index, if built. */
  searchIndex: () => { documents: number; buildSeconds: number } | null;
  /** Operation names that may be label values (the trusted documents'). */
  knownOperations: ReadonlySet<string>;
}

export interface Prometheus {
  readonly contentType: string;
  text(): Promise<string>;
  observeRequest(observation: RequestObservation): void;
  observeIngest(summary: IngestSummary): void;
}

/** A counter whose total is kept elsewhere: each scrape adds what grew since the last one. */
function mirroredCounter(registry: Registry, name: string, help: string, labelNames: string[], read: () => Array<{ labels: Record<string, string>; total: number }>) {
  const seen = new Map<string, number>();
  return new Counter({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      for (const { labels, total } of read()) {
        const key = JSON.stringify(labels);
        const growth = total - (seen.get(key) ?? 0);
        if (growth > 0) this.inc(labels, growth);
        seen.set(key, total);
      }
    },
  });
}

export function createPrometheus(sources: PrometheusSources): Prometheus {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  // Observed on every request: our own histogram, formatted by the registry like prom-client's.
  const duration = new RequestHistogram({
    name: 'stockql_graphql_request_duration_seconds',
    help: 'Time from the request arriving to its answer being written, by operation and outcome (ok, error).',
    labelNames: ['operation', 'outcome'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registry,
  });
  const statements = new RequestHistogram({
    name: 'stockql_graphql_sql_statements',
    help: 'SQL statements one GraphQL request ran (0 when answered from a cache).',
    labelNames: [],
    buckets: [0, 1, 2, 3, 5, 10, 20, 50, 100],
    registry,
  });
  mirroredCounter(registry, 'stockql_graphql_requests_total', 'GraphQL requests answered.', [], () => [{ labels: {}, total: sources.counters.requests }]);
  mirroredCounter(registry, 'stockql_graphql_errors_total', 'GraphQL requests answered with at least one error.', [], () => [{ labels: {}, total: sources.counters.errors }]);

  const perNamespace = (field: 'hits' | 'misses' | 'evictions' | 'errors' | 'loads') => () =>
    sources.cache.stats().flatMap((row) => (row[field] === null ? [] : [{ labels: { namespace: row.namespace }, total: row[field]! }]));
  mirroredCounter(registry, 'stockql_cache_hits_total', 'Cache reads answered from the cache.', ['namespace'], perNamespace('hits'));
  mirroredCounter(registry, 'stockql_cache_misses_total', 'Cache reads the cache could not answer.', ['namespace'], perNamespace('misses'));
  mirroredCounter(registry, 'stockql_cache_evictions_total', 'Entries evicted to make room (memory stores only).', ['namespace'], perNamespace('evictions'));
  mirroredCounter(registry, 'stockql_cache_errors_total', 'Cache operations that failed or timed out.', ['namespace'], perNamespace('errors'));
  mirroredCounter(registry, 'stockql_cache_loads_total', 'Keys read from the database because no cache had them.', ['namespace'], perNamespace('loads'));
  new Gauge({
    name: 'stockql_cache_entries',
    help: 'Entries held (memory stores only).',
    labelNames: ['namespace'],
    registers,
    collect() {
      for (const row of sources.cache.stats()) if (row.entries !== null) this.set({ namespace: row.namespace }, row.entries);
    },
  });

  const ingest = new Counter({
    name: 'stockql_ingest_symbols_total',
    help: 'Stocks handled by this process\'s ingest updater, by result (fetched, rejected, failed, skipped_fresh).',
    labelNames: ['result'],
    registers,
  });
  const ingestRetries = new Counter({ name: 'stockql_ingest_retries_total', help: 'Provider requests retried by the ingest updater.', registers });
  const ingestRequests = new Counter({ name: 'stockql_ingest_requests_total', help: 'Provider requests sent by the ingest updater, retries included.', registers });
  const ingestCommits = new Counter({ name: 'stockql_ingest_commits_total', help: 'Write transactions (batches of stocks) the ingest updater committed.', registers });
  const ingestUpdated = new Counter({ name: 'stockql_ingest_stocks_updated_total', help: 'Stocks whose fetched data the ingest updater committed.', registers });

  new Gauge({
    name: 'stockql_search_index_documents',
    help: 'Stocks in the live search index.',
    registers,
    collect() {
      this.set(sources.searchIndex()?.documents ?? 0);
    },
  });
  new Gauge({
    name: 'stockql_search_index_build_seconds',
    help: 'How long the live search index took to build.',
    registers,
    collect() {
      this.set(sources.searchIndex()?.buildSeconds ?? 0);
    },
  });

  return {
    contentType: registry.contentType,
    text: () => registry.metrics(),
    observeRequest(o) {
      const operation = o.operation === null ? '(anonymous)' : sources.knownOperations.has(o.operation) ? o.operation : 'other';
      duration.observe([operation, o.hadErrors ? 'error' : 'ok'], o.durationMs / 1000);
      statements.observe(NO_LABELS, o.statements);
    },
    observeIngest(summary) {
      ingest.inc({ result: 'fetched' }, summary.fetched);
      ingest.inc({ result: 'rejected' }, summary.rejected.length);
      ingest.inc({ result: 'failed' }, summary.failed.length);
      ingest.inc({ result: 'skipped_fresh' }, summary.skippedFresh);
      ingestRetries.inc(summary.retried);
      ingestRequests.inc(summary.requests);
      ingestCommits.inc(summary.batches);
      ingestUpdated.inc(summary.updated);
    },
  };
}
