/**
 * Query.metrics: process health, database figures and what each cache namespace has done.
 */
import type { MetricsStore } from './metrics.store.js';

/** One cache namespace's figures, as Query.metrics and /metrics show them. */
export interface CacheNamespaceStatsModel {
  namespace: string;
  hits: number;
  misses: number;
  hitRate: number;
  evictions: number | null;
  entries: number | null;
  errors: number;
  loads: number | null;
}

/** The cache figures, supplied by the app (the cache layer and the edge are built beside the services). */
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
}

export function createMetricsService(store: MetricsStore, counters: RequestCounters, dataVersion: () => number) {
  let cacheSource: CacheMetricsSource = { mode: 'off', stats: () => [] };
  return {
    /** Wires the cache figures in once the cache exists. */
    useCacheSource(source: CacheMetricsSource): void {
      cacheSource = source;
    },
    cacheSource: (): CacheMetricsSource => cacheSource,
    async snapshot(): Promise<MetricsModel> {
      const memory = process.memoryUsage();
      return {
        dataVersion: dataVersion(),
        cacheMode: cacheSource.mode,
        cache: cacheSource.stats(),
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
