/**
 * One token bucket per client, in this process's memory: `burst` requests at once, then `ratePerSecond`
 * sustained. Never waits: a request without a token is refused with how long until the next one.
 *
 * Buckets refill lazily (computed from the time of the last take), so an idle client costs nothing, and
 * the map is bounded: beyond `maxClients` the least recently seen client is forgotten, which only hands
 * it a full bucket — the state it would have reached by idling anyway.
 */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface KeyedTokenBucketsOptions {
  ratePerSecond: number;
  burst: number;
  /** @default 100_000 */
  maxClients?: number;
  /** @default Date.now */
  now?: () => number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class KeyedTokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;
  private readonly now: () => number;

  constructor(private readonly options: KeyedTokenBucketsOptions) {
    if (!(options.ratePerSecond > 0) || !(options.burst >= 1)) {
      throw new RangeError(`Expected ratePerSecond > 0 and burst >= 1, got ${options.ratePerSecond} and ${options.burst}`);
    }
    this.maxClients = options.maxClients ?? 100_000;
    this.now = options.now ?? Date.now;
  }

  take(client: string): RateVerdict {
    const now = this.now();
    const { ratePerSecond, burst } = this.options;
    const bucket = this.buckets.get(client);
    let tokens = burst;
    if (bucket !== undefined) {
      tokens = Math.min(burst, bucket.tokens + ((now - bucket.updatedAt) * ratePerSecond) / 1000);
      this.buckets.delete(client); // re-inserted below: the map stays in least-recently-seen order
    } else if (this.buckets.size >= this.maxClients) {
      this.buckets.delete(this.buckets.keys().next().value!);
    }
    const allowed = tokens >= 1;
    this.buckets.set(client, { tokens: allowed ? tokens - 1 : tokens, updatedAt: now });
    return allowed ? { allowed } : { allowed, retryAfterMs: Math.ceil(((1 - tokens) * 1000) / ratePerSecond) };
  }
}
