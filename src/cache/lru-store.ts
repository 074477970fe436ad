/**
 * A bounded in-memory store for Keyv 5.
 *
 * Keyv's default store is an unbounded `Map`, so a long-running server with many distinct keys (search
 * strings, chart ranges) would grow without limit. This store keeps at most `maxEntries` entries and evicts
 * the least recently used one, relying on `Map` preserving insertion order: a read re-inserts the entry,
 * so the first key in the map is always the least recently used.
 *
 * Keyv already stores `{ value, expires }` and checks `expires` on read, but it passes the TTL to
 * `set()` as well; we honour it here too so expired entries stop counting towards `maxEntries` and are
 * dropped without waiting for Keyv to read them.
 */
import { EventEmitter } from 'node:events';
import type { KeyvStoreAdapter, StoredData } from 'keyv';

export interface LruStoreOptions {
  /**
   * Maximum number of live entries; inserting one more evicts the least recently used.
   * @default 10_000
   */
  maxEntries?: number;
}

interface Entry {
  value: unknown;
  /** Epoch ms after which the entry is dead; `undefined` = no expiry. */
  expiresAt: number | undefined;
}

export const DEFAULT_LRU_MAX_ENTRIES = 10_000;

export class LruStore extends EventEmitter implements KeyvStoreAdapter {
  /** Keyv reads `opts` (to decide whether the store is iterable); nothing in it is required. */
  readonly opts: { maxEntries: number };
  /** Set by Keyv; keys arrive already prefixed, so the store itself ignores it. */
  namespace?: string | undefined;

  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private evictionCount = 0;

  constructor(options: LruStoreOptions = {}) {
    super();
    const max = options.maxEntries ?? DEFAULT_LRU_MAX_ENTRIES;
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxEntries must be a positive integer, got ${max}`);
    this.maxEntries = max;
    this.opts = { maxEntries: max };
  }

  /** Entries evicted because the store was full (expired entries are not counted). */
  get evictions(): number {
    return this.evictionCount;
  }

  /** Number of entries held, including expired ones not yet swept (reads sweep them lazily). */
  get size(): number {
    return this.entries.size;
  }

  async get<Value>(key: string): Promise<StoredData<Value> | undefined> {
    return this.read(key) as StoredData<Value> | undefined;
  }

  async getMany<Value>(keys: string[]): Promise<Array<StoredData<Value | undefined>>> {
    return keys.map((key) => this.read(key) as StoredData<Value | undefined>);
  }

  async has(key: string): Promise<boolean> {
    return this.read(key) !== undefined;
  }

  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    // Keyv passes `undefined` for "no TTL"; treat 0 and negatives the same way Keyv does (no expiry).
    const expiresAt = typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : undefined;
    // Delete first so an overwrite moves the key to the most recently used end.
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt });
    this.evictOverflow();
    return true;
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }

  async deleteMany(keys: string[]): Promise<boolean> {
    let deleted = false;
    for (const key of keys) deleted = this.entries.delete(key) || deleted;
    return deleted;
  }

  async clear(): Promise<void> {
    this.entries.clear();
  }

  async disconnect(): Promise<void> {
    this.entries.clear();
  }

  /** Returns the live value and marks it most recently used; drops it if expired. */
  private read(key: string): unknown {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  private evictOverflow(): void {
    while (this.entries.size > this.maxEntries) {
      // Prefer dropping something already expired over evicting a live entry. Scanning is bounded by the
      // few oldest entries so a full store of long-lived entries does not make every set O(n).
      if (this.sweepExpired(8)) continue;
      const oldest = this.entries.keys().next();
      if (oldest.done) return;
      this.entries.delete(oldest.value);
      this.evictionCount += 1;
    }
  }

  /** Removes the first expired entry among the `limit` least recently used; true if one was removed. */
  private sweepExpired(limit: number): boolean {
    const now = Date.now();
    let seen = 0;
    for (const [key, entry] of this.entries) {
      if (seen++ >= limit) return false;
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) {
        this.entries.delete(key);
        return true;
      }
    }
    return false;
  }
}
