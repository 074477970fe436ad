/**
 * One request's cache outcome, for Server-Timing's `cache` entry: how many keys its loaders found in the
 * cache (or in another request's in-flight load) and how many it had to read from the database.
 */
export type CacheOutcome = 'hit' | 'miss' | 'partial' | 'none';

export class CacheTally {
  hits = 0;
  misses = 0;

  /** `hit` only when every read was served without the database; `none` when nothing was read. */
  outcome(): CacheOutcome {
    if (this.misses === 0) return this.hits > 0 ? 'hit' : 'none';
    return this.hits > 0 ? 'partial' : 'miss';
  }
}
