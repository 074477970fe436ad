/**
 * The edge cache: encoded whole responses by request key, plus coalescing of identical requests in
 * flight, so a burst of one cold operation runs Apollo once and every other copy waits for its bytes.
 *
 * Memory only, per process, on purpose: a hit must cost less than the network round trip to Redis
 * would. Processes sharing a Redis still share everything below it (the loaders' cache namespaces), so
 * a second process fills its edge cache without SQL.
 *
 * Keys name the request only (not a data version): an entry carries the versions of every piece of data
 * its answer read, and is served only while each of them is still the current one — so a commit retires
 * exactly the responses that read what it changed, and a commit that changed nothing retires none. The
 * check is a map lookup per dependency; a retired entry is dropped when it is next asked for (and, until
 * then, ages out of the LRU like any unused entry).
 */
import { stillFresh, type VersionReader } from '../../cache/index.js';
import type { EncodedResponse } from './encode-response.js';
import { ResponseStore, type ResponseStoreStats } from './response-store.js';

export interface EdgeCacheOptions {
  /** Byte budget of the encoded responses held. */
  maxBytes: number;
  /** The current data versions, which entries are judged by. */
  versions: VersionReader;
}

export interface PendingResponse {
  /** Settles the waiters: the entry when the response was cacheable, null when they must run their own. */
  finish(entry: EncodedResponse | null): void;
}

export class EdgeCache {
  private readonly store: ResponseStore;
  private readonly pending = new Map<string, Promise<EncodedResponse | null>>();
  private readonly versions: VersionReader;

  constructor(options: EdgeCacheOptions) {
    this.store = new ResponseStore({ maxBytes: options.maxBytes });
    this.versions = options.versions;
  }

  /** The stored response, unless something it read has changed since (then it is dropped: a miss). */
  get(key: string): EncodedResponse | undefined {
    const entry = this.store.get(key);
    if (entry === undefined || this.isFresh(entry)) return entry;
    this.store.retire(key);
    return undefined;
  }

  /** True while every piece of data the response read is unchanged. */
  isFresh(entry: EncodedResponse): boolean {
    return entry.databaseId === this.versions.databaseId && (entry.deps === undefined || stillFresh(entry.deps, this.versions));
  }

  /** The response an identical request is computing now, if any. */
  inFlight(key: string): Promise<EncodedResponse | null> | undefined {
    return this.pending.get(key);
  }

  /** Marks `key` as being computed; the caller must call `finish` whatever happens. */
  begin(key: string): PendingResponse {
    let settle!: (entry: EncodedResponse | null) => void;
    const promise = new Promise<EncodedResponse | null>((resolve) => {
      settle = resolve;
    });
    this.pending.set(key, promise);
    return {
      finish: (entry) => {
        if (this.pending.get(key) === promise) this.pending.delete(key);
        if (entry !== null) this.store.set(key, entry);
        settle(entry);
      },
    };
  }

  stats(): ResponseStoreStats {
    return this.store.stats();
  }
}
