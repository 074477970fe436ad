/**
 * The cache figures Query.metrics and /metrics show: one row per cache-layer namespace, plus `response`
 * for the edge cache of whole responses.
 */
import type { Cache, DefaultNamespace } from './cache/index.js';
import type { EdgeCache } from './http/edge/edge-cache.js';
import type { CacheMetricsSource, CacheNamespaceStatsModel } from './modules/metrics/metrics.service.js';

/** `edge` is asked at each read: the edge cache is built after the services that report these figures. */
export function cacheMetricsSource(cache: Cache<DefaultNamespace>, edgeCache: () => EdgeCache | null): CacheMetricsSource {
  return {
    mode: cache.mode,
    stats: () => {
      const rows: CacheNamespaceStatsModel[] = Object.entries(cache.stats()).map(([namespace, stats]) => ({ namespace, ...stats }));
      const edge = edgeCache();
      if (edge !== null) {
        const { hits, misses, hitRate, evictions, entries, errors } = edge.stats();
        rows.push({ namespace: 'response', hits, misses, hitRate, evictions, entries, errors, loads: null });
      }
      return rows;
    },
  };
}
