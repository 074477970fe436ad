import { describe, expect, it, vi } from 'vitest';
import { createCache } from '../../src/cache/cache.js';
import { DEFAULT_CACHE_NAMESPACES } from '../../src/cache/defaults.js';
import { wait } from './helpers.js';

const namespaces = { stock: { ttlMs: 60_000, maxEntries: 3 }, chart: { ttlMs: 50, maxEntries: 100 } };

describe('createCache (memory)', () => {
  it('gets, sets, deletes and counts hits/misses per namespace', async () => {
    const cache = createCache({ url: 'memory', keyPrefix: 't:', namespaces });
    const stock = cache.namespace('stock');
    expect(await stock.get('AAPL')).toBeUndefined();
    await stock.set('AAPL', { price: 1 });
    expect(await stock.get('AAPL')).toEqual({ price: 1 });
    expect(await cache.namespaces.chart.get('AAPL')).toBeUndefined(); // namespaces are separate
    await stock.delete('AAPL');
    expect(await stock.get('AAPL')).toBeUndefined();
    expect(cache.stats().stock).toEqual({ hits: 1, misses: 2, hitRate: 1 / 3, evictions: 0, entries: 0, errors: 0, loads: 0 });
    await cache.close();
  });

  it('evicts past maxEntries and reports evictions and entries', async () => {
    const cache = createCache({ url: 'memory', keyPrefix: 't:', namespaces });
    const stock = cache.namespace('stock');
    for (const key of ['a', 'b', 'c', 'd', 'e']) await stock.set(key, key);
    expect(await stock.getMany(['a', 'b', 'c', 'd', 'e'])).toEqual([undefined, undefined, 'c', 'd', 'e']);
    expect(stock.stats()).toMatchObject({ evictions: 2, entries: 3, hits: 3, misses: 2 });
    await cache.close();
  });

  it('expires entries after the namespace TTL or an explicit one', async () => {
    const cache = createCache({ url: 'memory', keyPrefix: 't:', namespaces });
    await cache.namespaces.chart.set('default-ttl', 1);
    await cache.namespaces.stock.set('explicit-ttl', 2, 50);
    await cache.namespaces.stock.set('long', 3);
    await wait(90);
    expect(await cache.namespaces.chart.get('default-ttl')).toBeUndefined();
    expect(await cache.namespaces.stock.get('explicit-ttl')).toBeUndefined();
    expect(await cache.namespaces.stock.get('long')).toBe(3);
    await cache.close();
  });

  it('runs the loader once for 50 concurrent getOrSet of one cold key', async () => {
    const cache = createCache({ url: 'memory', keyPrefix: 't:', namespaces });
    const loader = vi.fn(async () => {
      await wait(30);
      return { symbol: 'AAPL' };
    });
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.namespaces.stock.getOrSet('AAPL', loader)));
    expect(loader).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.symbol === 'AAPL')).toBe(true);
    // Now cached: no further loads.
    await cache.namespaces.stock.getOrSet('AAPL', loader);
    expect(loader).toHaveBeenCalledTimes(1);
    await cache.close();
  });

  it('does not cache a loader rejection; the next call loads again', async () => {
    const cache = createCache({ url: 'memory', keyPrefix: 't:', namespaces });
    const stock = cache.namespaces.stock;
    let calls = 0;
    const loader = async () => {
      calls += 1;
      await wait(10);
      if (calls === 1) throw new Error('db down');
      return 'ok';
    };
    const first = await Promise.allSettled([stock.getOrSet('k', loader), stock.getOrSet('k', loader)]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(await stock.getOrSet('k', loader)).toBe('ok');
    expect(calls).toBe(2);
    await cache.close();
  });

  it('rejects an unknown url', () => {
    expect(() => createCache({ url: 'memcached://x', keyPrefix: '', namespaces })).toThrow(/cache url/);
  });

  it('accepts the suggested default namespaces', async () => {
    const cache = createCache({ url: 'memory', keyPrefix: 't:', namespaces: DEFAULT_CACHE_NAMESPACES });
    await cache.namespaces.persistedQuery.set('hash', 'query { x }');
    expect(await cache.namespaces.persistedQuery.get('hash')).toBe('query { x }');
    expect(Object.keys(cache.stats())).toEqual(['stock', 'chart', 'search', 'aggregation', 'persistedQuery']);
    // No Redis to hold a lease: callers fall back to their local lock.
    expect(await cache.acquireLease('updater', 'me', 1_000)).toBeNull();
    await cache.close();
  });
});

describe('createCache (off)', () => {
  it('never stores anything: gets miss, sets are no-ops, getOrSet always loads', async () => {
    const cache = createCache({ url: 'off', keyPrefix: 't:', namespaces });
    const stock = cache.namespaces.stock;
    await stock.set('AAPL', 1);
    expect(await stock.get('AAPL')).toBeUndefined();
    expect(await stock.getMany(['AAPL', 'MSFT'])).toEqual([undefined, undefined]);
    const loader = vi.fn(async () => 42);
    expect(await stock.getOrSet('AAPL', loader)).toBe(42);
    expect(await stock.getOrSet('AAPL', loader)).toBe(42);
    expect(loader).toHaveBeenCalledTimes(2);
    expect(stock.stats()).toEqual({ hits: 0, misses: 5, hitRate: 0, evictions: 0, entries: 0, errors: 0, loads: 2 });
    expect(cache.mode).toBe('off');
    await cache.close();
  });
});
