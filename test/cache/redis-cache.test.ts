/**
 * Against the machine's real Redis (127.0.0.1:6379). Every key lives under a prefix unique to this run,
 * and only those keys are deleted afterwards.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCache, type Cache } from '../../src/cache/cache.js';
import { countKeysWithPrefix, deleteKeysWithPrefix, REDIS_URL, uniquePrefix, wait } from './helpers.js';

const namespaces = { stock: { ttlMs: 60_000, maxEntries: 100 }, chart: { ttlMs: 300_000, maxEntries: 100 } };
type N = keyof typeof namespaces;

describe('createCache (redis)', () => {
  const prefix = uniquePrefix('redis');
  let a: Cache<N>;
  let b: Cache<N>;

  beforeAll(async () => {
    // Two instances on one Redis stand in for two server processes.
    a = createCache({ url: REDIS_URL, keyPrefix: prefix, namespaces, operationTimeoutMs: 500 });
    b = createCache({ url: REDIS_URL, keyPrefix: prefix, namespaces, operationTimeoutMs: 500 });
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
  });

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await deleteKeysWithPrefix(prefix);
    expect(await countKeysWithPrefix(prefix)).toBe(0);
  });

  it('lets one owner hold a named lease across instances until it is released or expires', async () => {
    expect(await a.acquireLease('updater', 'worker-a', 60_000)).toBe(true);
    expect(await b.acquireLease('updater', 'worker-b', 60_000)).toBe(false);
    expect(await a.acquireLease('updater', 'worker-a', 200)).toBe(true); // renewed, now short
    await b.releaseLease('updater', 'worker-b'); // not the holder: no effect
    expect(await b.acquireLease('updater', 'worker-b', 60_000)).toBe(false);
    await wait(300);
    expect(await b.acquireLease('updater', 'worker-b', 60_000)).toBe(true); // expired: taken over
    await b.releaseLease('updater', 'worker-b');
    expect(await a.acquireLease('updater', 'worker-a', 60_000)).toBe(true);
    await a.releaseLease('updater', 'worker-a');
  });

  it('shares values between instances', async () => {
    await a.namespaces.stock.set('AAPL', { symbol: 'AAPL', price: 189.5 });
    expect(await b.namespaces.stock.get('AAPL')).toEqual({ symbol: 'AAPL', price: 189.5 });
    expect(await b.namespaces.chart.get('AAPL')).toBeUndefined();
    await b.namespaces.stock.delete('AAPL');
    expect(await a.namespaces.stock.get('AAPL')).toBeUndefined();
    expect(a.stats().stock).toMatchObject({ hits: 0, misses: 1, entries: null, evictions: null, errors: 0 });
  });

  it('stores keys under the prefix and namespace, once', async () => {
    await a.namespaces.chart.set('MSFT:1y', [1, 2, 3]);
    expect(await countKeysWithPrefix(`${prefix}chart::MSFT:1y`)).toBe(1);
  });

  it('getMany returns values in key order with undefined for misses', async () => {
    await a.namespaces.stock.set('k1', 'one');
    await a.namespaces.stock.set('k3', 'three');
    expect(await b.namespaces.stock.getMany(['k3', 'k2', 'k1', 'k4'])).toEqual(['three', undefined, 'one', undefined]);
    expect(await b.namespaces.stock.getMany([])).toEqual([]);
  });

  it('expires entries through Redis TTLs', async () => {
    await a.namespaces.stock.set('short', 'x', 50);
    expect(await b.namespaces.stock.get('short')).toBe('x');
    await wait(120);
    expect(await b.namespaces.stock.get('short')).toBeUndefined();
  });

  it('runs the loader once for 50 concurrent getOrSet across two instances', async () => {
    const loader = vi.fn(async () => {
      await wait(100);
      return { symbol: 'NVDA' };
    });
    const calls = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).namespaces.stock.getOrSet('NVDA', loader));
    const results = await Promise.all(calls);
    expect(loader).toHaveBeenCalledTimes(1);
    expect(results.every((r) => r.symbol === 'NVDA')).toBe(true);
    // The lock is released by its owner once the value is stored.
    expect(await countKeysWithPrefix(`${prefix}lock:`)).toBe(0);
    expect(a.stats().stock.errors + b.stats().stock.errors).toBe(0);
  });

  it('a waiter loads by itself when the lock owner fails, and rejections are not cached', async () => {
    let calls = 0;
    const failing = async () => {
      calls += 1;
      await wait(50);
      throw new Error('db down');
    };
    const results = await Promise.allSettled([a.namespaces.chart.getOrSet('X', failing), b.namespaces.chart.getOrSet('X', failing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(2);
    expect(await a.namespaces.chart.getOrSet('X', async () => 'ok')).toBe('ok');
    expect(await b.namespaces.chart.get('X')).toBe('ok');
  });

  it('after close() every call misses or is a no-op, without reconnecting', async () => {
    const c = createCache({ url: REDIS_URL, keyPrefix: prefix, namespaces, operationTimeoutMs: 500 });
    expect(await c.ready()).toBe(true);
    await c.namespaces.stock.set('closed', 1);
    await c.close();
    expect(await c.namespaces.stock.get('closed')).toBeUndefined();
    await c.namespaces.stock.set('after-close', 1);
    expect(await c.namespaces.stock.getOrSet('after-close', async () => 2)).toBe(2);
    expect(await c.ready(100)).toBe(false);
    expect(await a.namespaces.stock.get('after-close')).toBeUndefined();
    expect(c.stats().stock.errors).toBe(0);
  });
});
