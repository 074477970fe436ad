/**
 * A bounded least-recently-used cache on a Map: a Map iterates in insertion order, so re-inserting on
 * every hit keeps the least recently used entry first, and evicting it is O(1).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  /** @param capacity entries kept; the least recently used is dropped beyond it. */
  constructor(readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`LruCache capacity must be at least 1, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }
}
