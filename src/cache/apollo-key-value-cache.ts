/**
 * One cache namespace seen through Apollo Server's KeyValueCache interface (structurally: get, set with
 * a TTL in seconds, delete), so Apollo's automatic persisted queries live in our cache layer — in Redis when
 * CACHE_URL names one, shared by every API process — with its timeouts and error handling.
 */
import type { NamespaceCache } from './types.js';

export class NamespaceKeyValueCache {
  constructor(private readonly namespace: NamespaceCache) {}

  get(key: string): Promise<string | undefined> {
    return this.namespace.get<string>(key);
  }

  async set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    const ttlMs = options?.ttl != null ? options.ttl * 1000 : undefined;
    await this.namespace.set(key, value, ttlMs);
  }

  async delete(key: string): Promise<boolean> {
    await this.namespace.delete(key);
    return true;
  }
}
