/**
 * The per-client request limit in front of /graphql: a token bucket per client address, in this
 * process's memory, or shared by every API process in Redis when the cache is there (so a client cannot
 * multiply its allowance by the number of processes). If Redis does not answer, each process limits on
 * its own rather than not at all.
 */
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address.js';
import { KeyedTokenBuckets, type RateVerdict } from './keyed-token-buckets.js';

export type { RateVerdict } from './keyed-token-buckets.js';

export interface RateLimitOptions {
  /** Sustained requests per second per client; 0 turns the limit off. */
  ratePerSecond: number;
  /** Requests a client may send at once. */
  burst: number;
  trustProxy: boolean;
  /** The cache layer's shared buckets; null answers mean "no Redis to ask". */
  shared?: { takeToken(name: string, ratePerSecond: number, burst: number): Promise<{ allowed: boolean; retryAfterMs: number } | null> };
  sharedMode: boolean;
}

/** Answers synchronously in memory (no promise on the hot path), with a promise when Redis decides. */
export type RateLimiter = (req: IncomingMessage) => RateVerdict | Promise<RateVerdict>;

export function createRateLimiter(options: RateLimitOptions): RateLimiter | null {
  if (options.ratePerSecond <= 0) return null;
  const { ratePerSecond, burst, trustProxy, shared } = options;
  const local = new KeyedTokenBuckets({ ratePerSecond, burst });
  if (!options.sharedMode || shared === undefined) return (req) => local.take(clientAddress(req, trustProxy));
  return async (req) => {
    const client = clientAddress(req, trustProxy);
    const verdict = await shared.takeToken(client, ratePerSecond, burst);
    if (verdict === null) return local.take(client);
    return verdict.allowed ? { allowed: true } : { allowed: false, retryAfterMs: verdict.retryAfterMs };
  };
}
