export { createCache } from './cache.js';
export type { Cache, CacheOptions, NamespaceCache, NamespaceStats } from './types.js';
export {
  DEFAULT_CACHE_NAMESPACES,
  DEFAULT_MAX_ENTRIES,
  DEFAULT_OPERATION_TIMEOUT_MS,
  type DefaultNamespace,
  type NamespaceOptions,
} from './defaults.js';
export type { CacheLogger } from './guard.js';
export { LruStore, type LruStoreOptions } from './lru-store.js';
export { NamespaceKeyValueCache } from './apollo-key-value-cache.js';
export { CacheTally, type CacheOutcome } from './cache-tally.js';
export { createCachedLoader, type CachedLoaderOptions, type RequestCaching } from './cached-loader.js';
export { stableKey } from './stable-key.js';
export { addDependency, stillFresh, type Dependencies, type VersionReader } from './freshness.js';
