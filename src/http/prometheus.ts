/**
 * GET /metrics in the Prometheus text format: request counters and process figures.
 */
import type { RequestCounters } from '../modules/metrics/metrics.service.js';

/** One metric in the text format: its help line, its type and its value. */
function metric(name: string, type: 'counter' | 'gauge', help: string, value: number): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${name} ${value}`;
}

export function prometheusText(counters: RequestCounters): string {
  const memory = process.memoryUsage();
  return `${[
    metric('stockql_graphql_requests_total', 'counter', 'GraphQL requests answered.', counters.requests),
    metric('stockql_graphql_errors_total', 'counter', 'GraphQL requests answered with at least one error.', counters.errors),
    metric('process_resident_memory_bytes', 'gauge', 'Resident memory size in bytes.', memory.rss),
    metric('nodejs_heap_used_bytes', 'gauge', 'V8 heap in use, in bytes.', memory.heapUsed),
    metric('process_uptime_seconds', 'gauge', 'Seconds since the process started.', process.uptime()),
  ].join('\n')}\n`;
}
