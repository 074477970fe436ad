/**
 * The edge cache: encoded whole responses by request key, plus coalescing of identical requests in
 * flight, so a burst of one cold operation runs Apollo once and every other copy waits for its bytes.
 *
 * Memory only, per process, on purpose: a hit must cost less than the network round trip to Redis
 * would. Processes sharing a Redis still share everything below it (the loaders' cache namespaces), so
 * a second process fills its edge cache without SQL.
 */
import type { EncodedResponse } from './encode-response.js';
import { ResponseStore, type ResponseStoreStats } from './response-store.js';

export interface EdgeCacheOptions {
  /** Byte budget of the encoded responses held. */
  maxBytes: number;
}

export interface PendingResponse {
  /** Settles the waiters: the entry when the response was cacheable, null when they must run their own. */
  finish(entry: EncodedResponse | null): void;
}

export class EdgeCache {
  private readonly store: ResponseStore;
  private readonly pending = new Map<string, Promise<EncodedResponse | null>>();

  constructor(options: EdgeCacheOptions) {
    this.store = new ResponseStore({ maxBytes: options.maxBytes });
  }

  get(key: string): EncodedResponse | undefined {
    return this.store.get(key);
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
