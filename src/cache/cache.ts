/**
 * `createCache`: namespaced get/getMany/set/delete/getOrSet over Keyv 5, backed by a bounded in-memory
 * LRU, by Redis through @keyv/redis, or by nothing at all (`off`, the cold path for benchmarks).
 *
 * Two rules shape everything here:
 * 1. A cache failure is never the caller's problem. Every call is bounded by `operationTimeoutMs`; a failure
 *    or timeout counts an error, logs a rate-limited warning and degrades to a miss (reads) or a no-op
 *    (writes). The Redis client reconnects on its own, so caching resumes without intervention.
 * 2. A cold key is loaded once. `getOrSet` shares one in-flight load per key within the process and, on
 *    Redis, takes a short `SET NX PX` lock so other processes wait for the first one's value instead of all
 *    hitting the database at once.
 *
 * Values go through Keyv's JSON serializer in every mode, so they must be JSON-serialisable (a Date comes back
 * as a string) and callers get a copy: mutating a returned object cannot corrupt the cache, and memory and
 * Redis behave the same.
 */
import { Keyv } from 'keyv';
import { DEFAULT_OPERATION_TIMEOUT_MS, type NamespaceOptions } from './defaults.js';
import { errorMessage, RateLimitedWarner, withTimeout } from './guard.js';
import { LruStore } from './lru-store.js';
import { fillMisses, type BatchContext } from './batch-load.js';
import { RedisBackend } from './redis-backend.js';
import { SingleFlight } from './single-flight.js';
import type { Cache, CacheOptions, NamespaceCache, NamespaceStats } from './types.js';

export type { Cache, CacheOptions, NamespaceCache, NamespaceStats } from './types.js';

interface Shared {
  timeoutMs: number;
  warner: RateLimitedWarner;
  flights: SingleFlight;
  redis: RedisBackend | undefined;
  keyPrefix: string;
  lockTtlMs: number;
  lockWaitMs: number;
  lockPollMs: number;
  /** Set by close(): calls then behave as if the cache were off (KeyvRedis would otherwise reconnect). */
  closed: boolean;
}

/** Returned by a guarded call that failed, so callers can tell "failed" from a legitimate `undefined`. */
const FAILED: unique symbol = Symbol('cache-failed');

class NamespaceCacheImpl implements NamespaceCache {
  private hits = 0;
  private misses = 0;
  private errors = 0;
  private loads = 0;

  constructor(
    readonly name: string,
    private readonly options: NamespaceOptions,
    private readonly shared: Shared,
    /** `undefined` = cache off. */
    private readonly keyv: Keyv | undefined,
    private readonly lru: LruStore | undefined,
  ) {}

  async get<V>(key: string): Promise<V | undefined> {
    const keyv = this.keyv;
    let value: V | undefined;
    if (keyv !== undefined) {
      const result = await this.guard('get', () => keyv.get<V>(key) as Promise<V | undefined>);
      if (result !== FAILED) value = result;
    }
    this.count(value);
    return value;
  }

  async getMany<V>(keys: readonly string[]): Promise<Array<V | undefined>> {
    if (keys.length === 0) return [];
    const values = await this.readMany<V>(keys);
    for (const value of values) this.count(value);
    return values;
  }

  async set<V>(key: string, value: V, ttlMs?: number): Promise<void> {
    const keyv = this.keyv;
    if (keyv === undefined || value === undefined) return;
    const ttl = ttlMs ?? this.options.ttlMs;
    await this.guard('set', () => keyv.set(key, value, ttl));
  }

  async delete(key: string): Promise<void> {
    const keyv = this.keyv;
    if (keyv === undefined) return;
    await this.guard('delete', () => keyv.delete(key));
  }

  async getOrSet<V>(key: string, loader: () => V | Promise<V>, ttlMs?: number): Promise<V> {
    const [value] = await this.getOrSetMany<V>([key], async () => [await loader()], ttlMs);
    return value!;
  }

  async getOrSetMany<V>(keys: readonly string[], loadMissing: (indexes: number[]) => Promise<readonly V[]>, ttlMs?: number): Promise<V[]> {
    if (keys.length === 0) return [];
    if (this.keyv === undefined || this.shared.closed) {
      // Nothing to read or share: every key is a miss and a load (the benchmarks' cold path).
      this.misses += keys.length;
      this.loads += keys.length;
      return [...(await loadMissing(keys.map((_, i) => i)))];
    }
    const values = await this.getMany<V>(keys);
    return fillMisses(values, keys, loadMissing, this.batchContext<V>(ttlMs));
  }

  stats(): NamespaceStats {
    const reads = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      hitRate: reads === 0 ? 0 : this.hits / reads,
      evictions: this.shared.redis !== undefined ? null : (this.lru?.evictions ?? 0),
      entries: this.shared.redis !== undefined ? null : (this.lru?.size ?? 0),
      errors: this.errors,
      loads: this.loads,
    };
  }

  private count(value: unknown): void {
    if (value === undefined) this.misses += 1;
    else this.hits += 1;
  }

  /** A guarded multi-get (one round trip) that does not touch the hit/miss counters. */
  private async readMany<V>(keys: readonly string[]): Promise<Array<V | undefined>> {
    const keyv = this.keyv;
    if (keyv === undefined) return keys.map(() => undefined);
    const result = await this.guard('getMany', async () => (await keyv.getMany<V>([...keys])) as Array<V | undefined>);
    // Guard against a store answering with the wrong length: a misaligned batch would hand out wrong values.
    return result === FAILED || result.length !== keys.length ? keys.map(() => undefined) : result;
  }

  /**
   * What the batch loader (batch-load.ts) needs from this namespace. Polls while waiting for another
   * process are not counted as hits or misses: the caller's first read was already counted.
   */
  private batchContext<V>(ttlMs: number | undefined): BatchContext<V> {
    const keyv = this.keyv!;
    const redis = this.shared.redis;
    const ttl = ttlMs ?? this.options.ttlMs;
    const lockKey = (key: string) => `${this.shared.keyPrefix}lock:${this.name}::${key}`;
    return {
      flights: this.shared.flights,
      // The NUL separator cannot appear in namespace names chosen in code, so `a`+`b:c` ≠ `a:b`+`c`.
      flightKey: (key) => `${this.name}\u0000${key}`,
      readMany: (keys) => this.readMany<V>(keys),
      storeMany: async (entries) => {
        if (entries.length > 0) await this.guard('setMany', () => keyv.setMany(entries.map(({ key, value }) => ({ key, value, ttl }))));
      },
      countLoads: (count) => {
        this.loads += count;
      },
      lock:
        redis === undefined
          ? undefined
          : {
              acquire: async (key) => {
                const token = await this.guard('lock', () => redis.acquireLock(lockKey(key), this.shared.lockTtlMs));
                return token === FAILED ? undefined : (token ?? null);
              },
              release: async (key, token) => {
                await this.guard('unlock', () => redis.releaseLock(lockKey(key), token));
              },
              held: async (keys) => {
                const held = await this.guard('lock', () => redis.countHeldLocks(keys.map(lockKey)));
                return held === FAILED ? undefined : held;
              },
              waitMs: this.shared.lockWaitMs,
              pollMs: this.shared.lockPollMs,
            },
    };
  }

  private async guard<T>(operation: string, fn: () => Promise<T>): Promise<T | typeof FAILED> {
    if (this.shared.closed) return FAILED;
    try {
      return await withTimeout(fn(), this.shared.timeoutMs, operation);
    } catch (error) {
      this.errors += 1;
      this.shared.warner.warn(`cache: ${operation} failed; serving without cache`, {
        namespace: this.name,
        error: errorMessage(error),
      });
      return FAILED;
    }
  }
}

function modeOf(url: string): Cache<string>['mode'] {
  if (url === 'memory' || url === 'off') return url;
  if (/^rediss?:\/\//.test(url)) return 'redis';
  // A typo here would silently disable caching in production; fail at start-up instead.
  throw new Error(`cache url must be 'memory', 'off' or a redis:// URL, got ${JSON.stringify(url)}`);
}

export function createCache<N extends string>(options: CacheOptions<N>): Cache<N> {
  const mode = modeOf(options.url);
  const warner = new RateLimitedWarner({ logger: options.logger, intervalMs: options.warnIntervalMs });
  const redis = mode === 'redis' ? new RedisBackend({ url: options.url, warner }) : undefined;
  const shared: Shared = {
    timeoutMs: options.operationTimeoutMs ?? DEFAULT_OPERATION_TIMEOUT_MS,
    warner,
    flights: new SingleFlight(),
    redis,
    keyPrefix: options.keyPrefix,
    lockTtlMs: options.lockTtlMs ?? 5_000,
    lockWaitMs: options.lockWaitMs ?? 2_000,
    lockPollMs: options.lockPollMs ?? 25,
    closed: false,
  };

  const leaseKey = (name: string) => `${options.keyPrefix}lease:${name}`;
  const names = Object.keys(options.namespaces) as N[];
  const namespaces = {} as Record<N, NamespaceCache>;
  for (const name of names) {
    const nsOptions = options.namespaces[name];
    let keyv: Keyv | undefined;
    let lru: LruStore | undefined;
    if (redis !== undefined) {
      keyv = redis.createKeyv(`${options.keyPrefix}${name}`);
    } else if (mode === 'memory') {
      lru = new LruStore({ maxEntries: nsOptions.maxEntries });
      // One store per namespace, so keys need no prefix and each namespace has its own bound.
      keyv = new Keyv({ store: lru, useKeyPrefix: false, throwOnErrors: true });
      keyv.on('error', () => undefined);
    }
    namespaces[name] = new NamespaceCacheImpl(name, nsOptions, shared, keyv, lru);
  }

  return {
    mode,
    namespaces,
    namespace: (name) => namespaces[name],
    stats: () => {
      const out = {} as Record<N, NamespaceStats>;
      for (const name of names) out[name] = namespaces[name].stats();
      return out;
    },
    ready: async (timeoutMs = 2_000) => (redis === undefined ? true : redis.waitUntilReady(timeoutMs)),
    reachable: () => redis === undefined || redis.connected,
    acquireLease: async (name, owner, ttlMs) => {
      if (redis === undefined || shared.closed) return null;
      try {
        return await withTimeout(redis.acquireLease(leaseKey(name), owner, ttlMs), shared.timeoutMs, 'lease');
      } catch (error) {
        warner.warn('cache: lease failed; relying on the local lock', { lease: name, error: errorMessage(error) });
        return null;
      }
    },
    takeToken: async (name, ratePerSecond, burst) => {
      if (redis === undefined || shared.closed) return null;
      try {
        return await withTimeout(redis.takeToken(`${options.keyPrefix}rate:${name}`, ratePerSecond, burst), shared.timeoutMs, 'rate limit');
      } catch (error) {
        warner.warn('cache: shared rate limit failed; limiting per process', { error: errorMessage(error) });
        return null;
      }
    },
    releaseLease: async (name, owner) => {
      if (redis === undefined || shared.closed) return;
      await withTimeout(redis.releaseLock(leaseKey(name), owner), shared.timeoutMs, 'lease').catch(() => undefined);
    },
    close: async () => {
      shared.closed = true;
      await redis?.close();
    },
  };
}
