/**
 * Query.metrics: process health plus database figures.
 */
import type { MetricsStore } from './metrics.store.js';

/** Counters the HTTP layer increments for every GraphQL request it answers. */
export interface RequestCounters {
  requests: number;
  errors: number;
}

export interface MetricsModel {
  uptimeSeconds: number;
  rssBytes: number;
  heapUsedBytes: number;
  requestCount: number;
  errorCount: number;
  stockCount: number;
  barCount: number;
  databaseBytes: number;
  dataUpdatedAt: string | null;
}

export function createMetricsService(store: MetricsStore, counters: RequestCounters) {
  return {
    async snapshot(): Promise<MetricsModel> {
      const memory = process.memoryUsage();
      return {
        uptimeSeconds: process.uptime(),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        requestCount: counters.requests,
        errorCount: counters.errors,
        ...(await store.databaseStats()),
      };
    },
  };
}
