/**
 * DataLoaders that read through the cache layer. Per request, DataLoader still collects every key asked
 * for in one tick into one batch; the batch then costs one multi-get, and one store call (one SQL
 * statement) only for the keys no cache, request or process already had — which is how a warm request
 * runs 0 statements while a cold one keeps the N+1-free budget.
 *
 * Freshness is per piece of data, not global: each key names the tags it depends on (`tagsOf`: a stock,
 * its bars, a sector's rows, …), and its cache key carries the database id and the highest of their
 * versions. A commit that changes a tag raises its version above every earlier one, so exactly the keys
 * that depend on it stop matching, in every process on the file; the rest stay hits. The versions used
 * are recorded in the request's dependencies, so the edge cache can judge the whole response the same way.
 */
import DataLoader from 'dataloader';
import type { CacheTally } from './cache-tally.js';
import { addDependency, type Dependencies, type VersionReader } from './freshness.js';
import type { NamespaceCache } from './types.js';

/** What every cached loader of one request shares. */
export interface RequestCaching {
  versions: VersionReader;
  /** Every tag any loader of this request read, at the version it read (for the edge cache). */
  deps: Dependencies;
  tally: CacheTally;
}

export interface CachedLoaderOptions<K, V> {
  namespace: NamespaceCache;
  /** Distinguishes the kinds of value kept in one namespace (`stock`, `page`, `count`, …). */
  kind: string;
  caching: RequestCaching;
  /** The key's identity within the request and in the cache. */
  keyOf: (key: K) => string;
  /** The data the key's value is computed from: when any of them changes, the cached value is retired. */
  tagsOf: (key: K) => readonly string[];
  /** Loads the keys no cache had; one value per key, in order. */
  batch: (keys: readonly K[]) => Promise<readonly V[]>;
  maxBatchSize?: number;
  ttlMs?: number;
}

export function createCachedLoader<K, V>(options: CachedLoaderOptions<K, V>): DataLoader<K, V, string> {
  const { namespace, kind, caching, keyOf, tagsOf, batch, ttlMs } = options;
  const { versions, deps } = caching;
  const cacheKey = (key: K): string => {
    let version = 0;
    for (const tag of tagsOf(key)) {
      const tagVersion = versions.version(tag);
      addDependency(deps, tag, tagVersion);
      if (tagVersion > version) version = tagVersion;
    }
    return `${kind}:${versions.databaseId}:${version}:${keyOf(key)}`;
  };
  return new DataLoader<K, V, string>(
    async (keys) => {
      let loaded = 0;
      const values = await namespace.getOrSetMany<V>(
        keys.map(cacheKey),
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
