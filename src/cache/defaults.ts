/**
 * Suggested namespaces and lifetimes. TTLs follow how fast the underlying data goes stale: quotes change
 * every tick, charts and search results less often, sector aggregations rarely, and a persisted query's
 * text never changes for its hash (24 h only bounds memory for queries no client sends any more).
 */
export interface NamespaceOptions {
  /** Lifetime of an entry set without an explicit TTL, in milliseconds. */
  ttlMs: number;
  /** In-memory mode only: entries kept before the least recently used is evicted (Redis uses its own policy). */
  maxEntries: number;
}

export const DEFAULT_MAX_ENTRIES = 10_000;

export const DEFAULT_CACHE_NAMESPACES = {
  stock: { ttlMs: 60_000, maxEntries: DEFAULT_MAX_ENTRIES },
  chart: { ttlMs: 300_000, maxEntries: DEFAULT_MAX_ENTRIES },
  search: { ttlMs: 120_000, maxEntries: DEFAULT_MAX_ENTRIES },
  aggregation: { ttlMs: 600_000, maxEntries: DEFAULT_MAX_ENTRIES },
  persistedQuery: { ttlMs: 24 * 60 * 60_000, maxEntries: DEFAULT_MAX_ENTRIES },
} as const satisfies Record<string, NamespaceOptions>;

export type DefaultNamespace = keyof typeof DEFAULT_CACHE_NAMESPACES;

/** @default 50 */
export const DEFAULT_OPERATION_TIMEOUT_MS = 50;
