/**
 * GET /metrics in the Prometheus text format: request counters, cache figures per namespace and process
 * figures. Label values come from a fixed set (namespace names), never from request data.
 */
import type { CacheNamespaceStatsModel, RequestCounters } from '../modules/metrics/metrics.service.js';

/** One metric in the text format: its help line, its type and its value. */
function metric(name: string, type: 'counter' | 'gauge', help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}`;
}

/** One metric with a `namespace` label per cache namespace; rows whose value is null are left out. */
function perNamespace(name: string, type: 'counter' | 'gauge', help: string, rows: CacheNamespaceStatsModel[], value: (row: CacheNamespaceStatsModel) => number | null): string {
  const samples = rows.flatMap((row) => {
    const v = value(row);
    return v === null ? [] : [`${name}{namespace="${row.namespace}"} ${v}`];
  });
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples].join('\n');
}

export function prometheusText(counters: RequestCounters, cache: CacheNamespaceStatsModel[] = []): string {
  const memory = process.memoryUsage();
  return `${[
    perNamespace('stockql_cache_hits_total', 'counter', 'Cache reads answered from the cache.', cache, (r) => r.hits),
    perNamespace('stockql_cache_misses_total', 'counter', 'Cache reads the cache could not answer.', cache, (r) => r.misses),
    perNamespace('stockql_cache_evictions_total', 'counter', 'Entries evicted to make room (memory stores only).', cache, (r) => r.evictions),
    perNamespace('stockql_cache_entries', 'gauge', 'Entries held (memory stores only).', cache, (r) => r.entries),
    perNamespace('stockql_cache_errors_total', 'counter', 'Cache operations that failed or timed out.', cache, (r) => r.errors),
    perNamespace('stockql_cache_loads_total', 'counter', 'Keys read from the database because no cache had them.', cache, (r) => r.loads),
    metric('stockql_graphql_requests_total', 'counter', 'GraphQL requests answered.', counters.requests),
    metric('stockql_graphql_errors_total', 'counter', 'GraphQL requests answered with at least one error.', counters.errors),
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', memory.rss),
    metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use, in bytes.', memory.heapUsed),
    metric('process_uptime_seconds', 'gauge', 'Seconds since the process started.', process.uptime()),
  ].join('\n')}\n`;
}
