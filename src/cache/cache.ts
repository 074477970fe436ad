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
import { errorMessage, RateLimitedWarner, sleep, withTimeout } from './guard.js';
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
    const value = await this.read<V>(key);
    if (value === undefined) this.misses += 1;
    else this.hits += 1;
    return value;
  }

  async getMany<V>(keys: readonly string[]): Promise<Array<V | undefined>> {
    if (keys.length === 0) return [];
    const keyv = this.keyv;
    const miss = (): Array<V | undefined> => keys.map(() => undefined);
    let values = miss();
    if (keyv !== undefined) {
      const result = await this.guard('getMany', async () => (await keyv.getMany<V>([...keys])) as Array<V | undefined>);
      // Guard against a store answering with the wrong length: a misaligned batch would hand out wrong values.
      if (result !== FAILED && result.length === keys.length) values = result;
    }
    for (const value of values) {
      if (value === undefined) this.misses += 1;
      else this.hits += 1;
    }
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

  getOrSet<V>(key: string, loader: () => V | Promise<V>, ttlMs?: number): Promise<V> {
    // The NUL separator cannot appear in namespace names chosen in code, so `a`+`b:c` ≠ `a:b`+`c`.
    return this.shared.flights.run(`${this.name}\u0000${key}`, async () => {
      const cached = await this.get<V>(key);
      if (cached !== undefined) return cached;
      if (this.keyv === undefined || this.shared.closed) {
        this.loads += 1;
        return loader();
      }
      return this.shared.redis === undefined ? this.loadAndStore(key, loader, ttlMs) : this.loadWithLock(key, loader, ttlMs);
    });
  }

  async getOrSetMany<V>(keys: readonly string[], loadMissing: (indexes: number[]) => Promise<readonly V[]>, ttlMs?: number): Promise<V[]> {
    if (keys.length === 0) return [];
    if (this.keyv === undefined || this.shared.closed) {
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

  private batchContext<V>(ttlMs: number | undefined): BatchContext<V> {
    const keyv = this.keyv!;
    const redis = this.shared.redis;
    const ttl = ttlMs ?? this.options.ttlMs;
    const lockKey = (key: string) => `${this.shared.keyPrefix}lock:${this.name}::${key}`;
    const unguarded = <T>(result: T | typeof FAILED) => (result === FAILED ? undefined : result);
    return {
      flights: this.shared.flights,
      flightKey: (key) => `${this.name}\u0000${key}`,
      readMany: async (keys) => {
        const result = await this.guard('getMany', async () => (await keyv.getMany<V>([...keys])) as Array<V | undefined>);
        return result === FAILED || result.length !== keys.length ? keys.map(() => undefined) : result;
      },
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
              held: async (keys) => unguarded(await this.guard('lock', () => redis.countHeldLocks(keys.map(lockKey)))),
              waitMs: this.shared.lockWaitMs,
              pollMs: this.shared.lockPollMs,
            },
    };
  }

  private async loadAndStore<V>(key: string, loader: () => V | Promise<V>, ttlMs?: number): Promise<V> {
    this.loads += 1;
    const value = await loader();
    await this.set(key, value, ttlMs);
    return value;
  }

  /**
   * Cross-process stampede control. The lock winner loads and stores; the others poll the value for up to
   * `lockWaitMs` (less if the owner releases the lock without storing a value) and then load themselves.
   * If Redis cannot even be asked for the lock, we load directly: the cache is degraded, and waiting would
   * only add latency.
   */
  private async loadWithLock<V>(key: string, loader: () => V | Promise<V>, ttlMs?: number): Promise<V> {
    const redis = this.shared.redis;
    if (redis === undefined) return this.loadAndStore(key, loader, ttlMs);
    const lockKey = `${this.shared.keyPrefix}lock:${this.name}::${key}`;
    const token = await this.guard('lock', () => redis.acquireLock(lockKey, this.shared.lockTtlMs));
    if (token === undefined) {
      const deadline = Date.now() + this.shared.lockWaitMs;
      while (Date.now() < deadline) {
        await sleep(this.shared.lockPollMs);
        // Polls are not counted as hits/misses: the caller made one read, already counted as a miss.
        const value = await this.read<V>(key);
        if (value !== undefined) return value;
        // The owner stores the value before releasing the lock, so a released lock with no value means its
        // load failed: stop waiting. Re-read once first, in case it stored and released since our read.
        if ((await this.guard('lock', () => redis.isLockHeld(lockKey))) === false) {
          const late = await this.read<V>(key);
          if (late !== undefined) return late;
          break;
        }
      }
    }
    try {
      return await this.loadAndStore(key, loader, ttlMs);
    } finally {
      if (typeof token === 'string') await this.guard('unlock', () => redis.releaseLock(lockKey, token));
    }
  }

  /** A read that does not touch hit/miss counters. */
  private async read<V>(key: string): Promise<V | undefined> {
    const keyv = this.keyv;
    if (keyv === undefined) return undefined;
    const value = await this.guard('get', () => keyv.get<V>(key) as Promise<V | undefined>);
    return value === FAILED ? undefined : value;
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
    close: async () => {
      shared.closed = true;
      await redis?.close();
    },
  };
}
