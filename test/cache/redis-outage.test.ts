/**
 * Redis failures never reach callers. One instance points at a port nothing listens on; another at a
 * redis-server of this test's own (spare port, no persistence) which the test stops and restarts. The
 * machine's Redis on 6379 is never touched.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createCache } from '../../src/cache/cache.js';
import { captureLogger, startRedis, stopRedis, uniquePrefix, wait } from './helpers.js';

const namespaces = { stock: { ttlMs: 60_000, maxEntries: 100 } };
const SPARE_PORT = 6391;

describe('createCache with Redis unavailable', () => {
  it('misses, skips writes, still serves getOrSet from the loader, counts errors and never throws', async () => {
    const { warnings, logger } = captureLogger();
    const cache = createCache({
      url: 'redis://127.0.0.1:6390',
      keyPrefix: uniquePrefix('down'),
      namespaces,
      operationTimeoutMs: 50,
      logger,
    });
    expect(await cache.ready(200)).toBe(false);
    const stock = cache.namespaces.stock;
    await expect(stock.set('AAPL', 1)).resolves.toBeUndefined();
    await expect(stock.get('AAPL')).resolves.toBeUndefined();
    await expect(stock.getMany(['AAPL', 'MSFT'])).resolves.toEqual([undefined, undefined]);
    await expect(stock.delete('AAPL')).resolves.toBeUndefined();
    await expect(stock.getOrSet('AAPL', async () => 'from-db')).resolves.toBe('from-db');
    const stats = stock.stats();
    expect(stats.errors).toBeGreaterThanOrEqual(5);
    expect(stats.hits).toBe(0);
    // Rate-limited: far fewer warnings than failures (one at once, then at most one per 10 s).
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings.length).toBeLessThan(stats.errors);
    await cache.close();
  });

  describe('when Redis stops and comes back', () => {
    let server: ChildProcess | undefined;
    afterAll(async () => {
      await stopRedis(server);
    });

    it('degrades while it is down and resumes caching by itself', async () => {
      server = await startRedis(SPARE_PORT);
      const cache = createCache({
        url: `redis://127.0.0.1:${SPARE_PORT}`,
        keyPrefix: uniquePrefix('restart'),
        namespaces,
        operationTimeoutMs: 200,
      });
      try {
        expect(await cache.ready(3_000)).toBe(true);
        const stock = cache.namespaces.stock;
        await stock.set('AAPL', 'up');
        expect(await stock.get('AAPL')).toBe('up');

        await stopRedis(server);
        expect(await stock.get('AAPL')).toBeUndefined();
        await stock.set('MSFT', 'lost');
        expect(await stock.getOrSet('NVDA', async () => 'loaded')).toBe('loaded');
        const errorsWhileDown = stock.stats().errors;
        expect(errorsWhileDown).toBeGreaterThanOrEqual(3);

        server = await startRedis(SPARE_PORT); // empty again: --save "" keeps no data across restarts
        expect(await cache.ready(5_000)).toBe(true);
        await stock.set('AAPL', 'back');
        expect(await stock.get('AAPL')).toBe('back');
        expect(stock.stats().errors).toBe(errorsWhileDown);
      } finally {
        await cache.close();
      }
    });
  });
});
