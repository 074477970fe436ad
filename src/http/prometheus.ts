/**
 * GET /metrics in the Prometheus text format: request counters and process figures.
 */
import type { RequestCounters } from '../modules/metrics/metrics.service.js';

export function prometheusText(counters: RequestCounters): string {
  const memory = process.memoryUsage();
  const lines = [
    '# HELP stockql_graphql_requests_total GraphQL requests answered.',
    '# TYPE stockql_graphql_requests_total counter',
    `stockql_graphql_requests_total ${counters.requests}`,
    '# HELP stockql_graphql_errors_total GraphQL requests answered with at least one error.',
    '# TYPE stockql_graphql_errors_total counter',
    `stockql_graphql_errors_total ${counters.errors}`,
    '# HELP process_resident_memory_bytes Resident memory size in bytes.',
    '# TYPE process_resident_memory_bytes gauge',
    `process_resident_memory_bytes ${memory.rss}`,
    '# HELP nodejs_heap_used_bytes V8 heap in use, in bytes.',
    '# TYPE nodejs_heap_used_bytes gauge',
    `nodejs_heap_used_bytes ${memory.heapUsed}`,
    '# HELP process_uptime_seconds Seconds since the process started.',
    '# TYPE process_uptime_seconds gauge',
    `process_uptime_seconds ${process.uptime()}`,
  ];
  return `${lines.join('\n')}\n`;
}
