/** The cache's public types, apart from the implementation so consumers can import them alone. */
import type { NamespaceOptions } from './defaults.js';
import type { CacheLogger } from './guard.js';

export interface CacheOptions<N extends string> {
  /** `memory` (per-process LRU), `off` (stores nothing), or a `redis://` / `rediss://` URL. */
  url: 'memory' | 'off' | (string & {});
  /** Prepended to every Redis key, e.g. `stockql:`; lets deployments and test runs share one Redis. */
  keyPrefix: string;
  namespaces: Record<N, NamespaceOptions>;
  /**
   * Upper bound on each cache operation; slower ones count as errors and behave as a miss / no-op.
   * @default 50
   */
  operationTimeoutMs?: number;
  /** Receives rate-limited warnings about cache failures. @default undefined (silent) */
  logger?: CacheLogger;
  /**
   * Minimum interval between two warnings.
   * @default 10_000
   */
  warnIntervalMs?: number;
  /**
   * Redis only: lifetime of the cross-process load lock, so a crashed owner cannot block a key for long.
   * @default 5_000
   */
  lockTtlMs?: number;
  /**
   * Redis only: how long a process that lost the lock waits for the owner's value before loading itself.
   * @default 2_000
   */
  lockWaitMs?: number;
  /**
   * Redis only: pause between two reads of the value while waiting for the lock owner.
   * @default 25
   */
  lockPollMs?: number;
}

export interface NamespaceStats {
  hits: number;
  misses: number;
  /** hits / (hits + misses), 0 before the first read. */
  hitRate: number;
  /** Entries evicted for room (memory only; null for Redis, whose eviction policy is its own). */
  evictions: number | null;
  /** Entries held (memory only; null for Redis). */
  entries: number | null;
  /** Cache operations that failed or timed out (and were served as a miss / no-op). */
  errors: number;
  /** Keys handed to a loader (the database) because no cache, request or process had them. */
  loads: number;
}

export interface NamespaceCache {
  readonly name: string;
  get<V>(key: string): Promise<V | undefined>;
  /** Values in key order, `undefined` for misses; one round trip (Redis MGET). */
  getMany<V>(keys: readonly string[]): Promise<Array<V | undefined>>;
  /** `ttlMs` defaults to the namespace's. `undefined` values are not stored (they read as misses). */
  set<V>(key: string, value: V, ttlMs?: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Cached value, or the loader's (stored on the way out). Loader errors reach the caller, uncached. */
  getOrSet<V>(key: string, loader: () => V | Promise<V>, ttlMs?: number): Promise<V>;
  /**
   * Batch read-through: one multi-get, then `loadMissing` once for the keys that no other request (or, on
   * Redis, process) is loading, then one multi-set. `loadMissing` receives indexes into `keys` and returns
   * their values in that order; `null` is a value (cached), `undefined` is not.
   */
  getOrSetMany<V>(keys: readonly string[], loadMissing: (indexes: number[]) => Promise<readonly V[]>, ttlMs?: number): Promise<V[]>;
  stats(): NamespaceStats;
}

export interface Cache<N extends string> {
  readonly mode: 'memory' | 'redis' | 'off';
  readonly namespaces: { readonly [K in N]: NamespaceCache };
  namespace(name: N): NamespaceCache;
  stats(): Record<N, NamespaceStats>;
  /**
   * Waits for the Redis connection (true at once for memory/off). Optional: calls made before it only miss.
   * @param timeoutMs @default 2_000
   */
  ready(timeoutMs?: number): Promise<boolean>;
  /**
   * Redis only: takes or renews the lease `name` for `owner` until `ttlMs` from now. True when `owner`
   * holds it, false when another owner does, null when there is no Redis to ask (memory/off, or Redis
   * unreachable): callers then rely on their local lock alone.
   */
  acquireLease(name: string, owner: string, ttlMs: number): Promise<boolean | null>;
  /**
   * Redis only: takes a token from the shared bucket `name` (a client's rate limit across every process).
   * Null when there is no Redis to ask; callers then limit per process.
   */
  takeToken(name: string, ratePerSecond: number, burst: number): Promise<{ allowed: boolean; retryAfterMs: number } | null>;
  /** Redis only: gives the lease up if `owner` holds it. */
  releaseLease(name: string, owner: string): Promise<void>;
  /** True unless the cache is Redis and Redis does not answer now (requests are then served without it). */
  reachable(): boolean;
  /** Disconnects from Redis; afterwards every call misses / is a no-op. */
  close(): Promise<void>;
}
