/**
 * Query.metrics: process health, database figures and what each cache namespace has done.
 */
import type { NamespaceStats } from '../../cache/index.js';
import type { OperationFigures, OperationStats, RequestRecord } from '../../observability/operation-stats.js';
import type { MetricsStore } from './metrics.store.js';

/** One cache namespace's figures, as Query.metrics and /metrics show them (`loads` is null for `response`). */
export type CacheNamespaceStatsModel = Omit<NamespaceStats, 'loads'> & { namespace: string; loads: number | null };

/** The cache figures, supplied by the app (the cache layer and the edge cache are built beside the services). */
export interface CacheMetricsSource {
  mode: string;
  stats(): CacheNamespaceStatsModel[];
}

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
  dataVersion: number;
  cacheMode: string;
  cache: CacheNamespaceStatsModel[];
  operations: OperationFigures[];
  slowRequests: RequestRecord[];
}

export function createMetricsService(store: MetricsStore, counters: RequestCounters, dataVersion: () => number, cache: CacheMetricsSource, operations: OperationStats) {
  return {
    cacheStats: (): CacheNamespaceStatsModel[] => cache.stats(),
    async snapshot(): Promise<MetricsModel> {
      const memory = process.memoryUsage();
      return {
        dataVersion: dataVersion(),
        cacheMode: cache.mode,
        cache: cache.stats(),
        operations: operations.operations(),
        slowRequests: operations.slowRequests(),
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
