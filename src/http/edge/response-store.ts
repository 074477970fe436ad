/**
 * A bounded in-memory LRU of encoded responses, bounded by bytes rather than by entry count: responses
 * range from a few hundred bytes (one quote) to hundreds of kilobytes (a long chart), so a count limit
 * would either waste memory or hold too few.
 *
 * Recency rides on `Map` insertion order: a hit re-inserts its key, so the first key is always the least
 * recently used one and eviction is O(1).
 */
import type { EncodedResponse } from './encode-response.js';

export interface ResponseStoreOptions {
  /** Total `sizeBytes` the store may hold. */
  maxBytes: number;
  /**
   * Larger entries are refused, so one huge response cannot flush everything else.
   * @default maxBytes / 8
   */
  maxEntryBytes?: number;
  /** @default Date.now */
  now?: () => number;
}

export interface ResponseStoreStats {
  hits: number;
  misses: number;
  /** hits / (hits + misses); 0 before the first lookup. */
  hitRate: number;
  /** Live entries dropped to make room (expired ones dropped on the way are not counted). */
  evictions: number;
  entries: number;
  bytes: number;
  /** Always 0: a memory store cannot fail; kept for symmetry with the cache layer's stats. */
  errors: number;
}

export class ResponseStore {
  private readonly entries = new Map<string, EncodedResponse>();
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;
  private readonly now: () => number;
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(options: ResponseStoreOptions) {
    if (!(options.maxBytes > 0)) throw new RangeError(`maxBytes must be positive, got ${options.maxBytes}`);
    this.maxBytes = options.maxBytes;
    // An entry larger than the whole store would evict everything and then itself.
    this.maxEntryBytes = Math.min(options.maxEntryBytes ?? options.maxBytes / 8, options.maxBytes);
    this.now = options.now ?? Date.now;
  }

  /** The live entry, now the most recently used; an expired one is dropped and counts as a miss. */
  get(key: string): EncodedResponse | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined || this.now() >= entry.expiresAt) {
      if (entry !== undefined) this.remove(key, entry);
      this.misses += 1;
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits += 1;
    return entry;
  }

  /** Stores (or replaces) the entry; false, and nothing stored, when it is larger than maxEntryBytes. */
  set(key: string, entry: EncodedResponse): boolean {
    if (entry.sizeBytes > this.maxEntryBytes) return false;
    const previous = this.entries.get(key);
    if (previous !== undefined) this.remove(key, previous);
    this.entries.set(key, entry);
    this.bytes += entry.sizeBytes;
    const now = this.now();
    while (this.bytes > this.maxBytes) {
      const oldest = this.entries.entries().next();
      if (oldest.done) break;
      const [oldestKey, oldestEntry] = oldest.value;
      this.remove(oldestKey, oldestEntry);
      if (now < oldestEntry.expiresAt) this.evictions += 1;
    }
    return true;
  }

  /** Drops an entry found stale after `get` counted it a hit: it is counted a miss instead. */
  retire(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.remove(key, entry);
    this.hits -= 1;
    this.misses += 1;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  stats(): ResponseStoreStats {
    const lookups = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      hitRate: lookups === 0 ? 0 : this.hits / lookups,
      evictions: this.evictions,
      entries: this.entries.size,
      bytes: this.bytes,
      errors: 0,
    };
  }

  private remove(key: string, entry: EncodedResponse): void {
    this.entries.delete(key);
    this.bytes -= entry.sizeBytes;
  }
}
