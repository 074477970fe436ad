import { Keyv } from 'keyv';
import { describe, expect, it } from 'vitest';
import { LruStore } from '../../src/cache/lru-store.js';
import { wait } from './helpers.js';

describe('LruStore', () => {
  it('evicts the least recently used entry past maxEntries and counts it', async () => {
    const store = new LruStore({ maxEntries: 3 });
    await store.set('a', 1);
    await store.set('b', 2);
    await store.set('c', 3);
    expect(await store.get('a')).toBe(1); // a is now most recently used; b is the oldest
    await store.set('d', 4);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.getMany(['a', 'c', 'd'])).toEqual([1, 3, 4]);
    expect(store.evictions).toBe(1);
    expect(store.size).toBe(3);
  });

  it('overwriting a key does not evict and refreshes its recency', async () => {
    const store = new LruStore({ maxEntries: 2 });
    await store.set('a', 1);
    await store.set('b', 2);
    await store.set('a', 10);
    await store.set('c', 3); // evicts b, not a
    expect(await store.get('a')).toBe(10);
    expect(await store.get('b')).toBeUndefined();
    expect(store.evictions).toBe(1);
  });

  it('honours the TTL passed to set', async () => {
    const store = new LruStore();
    await store.set('short', 'x', 50);
    await store.set('forever', 'y');
    expect(await store.get('short')).toBe('x');
    await wait(80);
    expect(await store.get('short')).toBeUndefined();
    expect(await store.get('forever')).toBe('y');
  });

  it('prefers dropping an expired entry over evicting a live one', async () => {
    const store = new LruStore({ maxEntries: 2 });
    await store.set('old', 1, 20);
    await store.set('live', 2);
    await wait(40);
    await store.set('new', 3);
    expect(store.evictions).toBe(0);
    expect(await store.get('live')).toBe(2);
  });

  it('rejects a non-positive maxEntries', () => {
    expect(() => new LruStore({ maxEntries: 0 })).toThrow(RangeError);
  });

  it('works as a Keyv 5 store (get/set/getMany/delete/clear, TTL)', async () => {
    const store = new LruStore({ maxEntries: 10 });
    const keyv = new Keyv({ store, namespace: 'ns' });
    await keyv.set('k', { n: 1 });
    await keyv.set('t', 'gone', 50);
    expect(await keyv.get('k')).toEqual({ n: 1 });
    expect(await keyv.getMany(['k', 'missing'])).toEqual([{ n: 1 }, undefined]);
    await wait(80);
    expect(await keyv.get('t')).toBeUndefined();
    expect(await keyv.delete('k')).toBe(true);
    expect(await keyv.get('k')).toBeUndefined();
    await keyv.set('z', 1);
    await keyv.clear();
    expect(store.size).toBe(0);
  });
});
