import { describe, expect, it } from 'vitest';
import type { EncodedResponse } from '../../src/http/edge/encode-response.js';
import { ResponseStore } from '../../src/http/edge/response-store.js';

function entry(sizeBytes: number, expiresAt = Number.POSITIVE_INFINITY): EncodedResponse {
  return { status: 200, contentType: 'application/json', cacheControl: 'max-age=60, public', etag: '"t"', identity: Buffer.from('{}'), gzip: null, br: null, storedAt: 0, expiresAt, sizeBytes };
}

describe('ResponseStore', () => {
  it('evicts the least recently used entries once the byte budget is exceeded, and counts them', () => {
    const store = new ResponseStore({ maxBytes: 300, maxEntryBytes: 300 });
    store.set('a', entry(100));
    store.set('b', entry(100));
    store.set('c', entry(100));
    expect(store.get('a')).toBeDefined(); // a is now the most recently used; b is the oldest
    store.set('d', entry(150)); // 450 bytes: b, then c, must go
    expect(store.get('b')).toBeUndefined();
    expect(store.get('c')).toBeUndefined();
    expect(store.get('a')).toBeDefined();
    expect(store.get('d')).toBeDefined();
    expect(store.stats()).toMatchObject({ evictions: 2, entries: 2, bytes: 250 });
  });

  it('replacing a key swaps its bytes instead of adding them', () => {
    const store = new ResponseStore({ maxBytes: 1000 });
    store.set('a', entry(100));
    store.set('a', entry(120));
    expect(store.stats()).toMatchObject({ entries: 1, bytes: 120, evictions: 0 });
  });

  it('refuses an entry larger than maxEntryBytes (maxBytes / 8 by default)', () => {
    const store = new ResponseStore({ maxBytes: 800 });
    expect(store.set('huge', entry(101))).toBe(false);
    expect(store.set('fits', entry(100))).toBe(true);
    expect(store.get('huge')).toBeUndefined();
    expect(store.stats()).toMatchObject({ entries: 1, bytes: 100 });
  });

  it('drops an expired entry on read and counts it as a miss', () => {
    let now = 1_000;
    const store = new ResponseStore({ maxBytes: 1000, now: () => now });
    store.set('quote', entry(100, 2_000));
    expect(store.get('quote')).toBeDefined();
    now = 2_000;
    expect(store.get('quote')).toBeUndefined();
    expect(store.stats()).toMatchObject({ hits: 1, misses: 1, hitRate: 0.5, entries: 0, bytes: 0 });
  });

  it('does not count dropping an expired entry to make room as an eviction', () => {
    let now = 0;
    const store = new ResponseStore({ maxBytes: 200, maxEntryBytes: 200, now: () => now });
    store.set('old', entry(150, 10));
    now = 20;
    store.set('new', entry(150));
    expect(store.stats()).toMatchObject({ evictions: 0, entries: 1, bytes: 150 });
  });

  it('reports hits, misses and hit rate, and clear empties it', () => {
    const store = new ResponseStore({ maxBytes: 1000 });
    expect(store.stats()).toEqual({ hits: 0, misses: 0, hitRate: 0, evictions: 0, entries: 0, bytes: 0, errors: 0 });
    store.set('a', entry(10));
    store.get('a');
    store.get('a');
    store.get('a');
    store.get('missing');
    expect(store.stats()).toMatchObject({ hits: 3, misses: 1, hitRate: 0.75, entries: 1, bytes: 10, errors: 0 });
    store.clear();
    expect(store.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(store.get('a')).toBeUndefined();
  });

  it('rejects a non-positive budget', () => {
    expect(() => new ResponseStore({ maxBytes: 0 })).toThrow(RangeError);
  });
});
