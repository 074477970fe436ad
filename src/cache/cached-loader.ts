/**
 * DataLoaders that read through the cache layer. Per request, DataLoader still collects every key asked
 * for in one tick into one batch; the batch then costs one multi-get, and one store call (one SQL
 * statement) only for the keys no cache, request or process already had — which is how a warm request
 * runs 0 statements while a cold one keeps the N+1-free budget.
 *
 * Every cache key carries the data version read at the start of the request, so a commit (seed, import,
 * ingest) makes all older entries unreachable at once: nothing older than the last commit is ever served,
 * however long its TTL (old entries age out of the LRU or expire in Redis).
 */
import DataLoader from 'dataloader';
import type { CacheTally } from './cache-tally.js';
import type { NamespaceCache } from './types.js';

/** What every cached loader of one request shares. */
export interface RequestCaching {
  dataVersion: number;
  tally: CacheTally;
}

export interface CachedLoaderOptions<K, V> {
  namespace: NamespaceCache;
  /** Distinguishes the kinds of value kept in one namespace (`stock`, `page`, `count`, …). */
  kind: string;
  caching: RequestCaching;
  /** The key's identity within the request and in the cache. */
  keyOf: (key: K) => string;
  /** Loads the keys no cache had; one value per key, in order. */
  batch: (keys: readonly K[]) => Promise<readonly V[]>;
  maxBatchSize?: number;
  ttlMs?: number;
}

export function createCachedLoader<K, V>(options: CachedLoaderOptions<K, V>): DataLoader<K, V, string> {
  const { namespace, kind, caching, keyOf, batch, ttlMs } = options;
  const prefix = `${kind}:v${caching.dataVersion}:`;
  return new DataLoader<K, V, string>(
    async (keys) => {
      let loaded = 0;
      const values = await namespace.getOrSetMany<V>(
        keys.map((key) => prefix + keyOf(key)),
        async (indexes) => {
          loaded += indexes.length;
          return batch(indexes.map((i) => keys[i]!));
        },
        ttlMs,
      );
      caching.tally.misses += loaded;
      caching.tally.hits += keys.length - loaded;
      return values;
    },
    { cacheKeyFn: keyOf, maxBatchSize: options.maxBatchSize ?? 1000 },
  );
}
