/**
 * Per-request loaders for stock reads, each reading through the cache layer (src/cache/cached-loader.ts):
 * every `stock by symbol` read of one request is one batch, and lists, counts and movers are cached by
 * their arguments, so a warm request answers without SQL.
 */
import type DataLoader from 'dataloader';
import { createCachedLoader, stableKey, type NamespaceCache, type RequestCaching } from '../../cache/index.js';
import type { StockRow } from '../../db/schema.js';
import { dataTags } from '../../db/data-versions.js';
import { countTags, rowsTags } from './stock-tags.js';
import type { MoverKind, StockCriteria, StockPageQuery, StockStore } from './stocks.store.js';

export type StockLoader = DataLoader<string, StockRow | null, string>;

export interface MoversQuery {
  kind: MoverKind;
  first: number;
  sector: string | null;
}

export interface StockLoaders {
  stock: StockLoader;
  /** One keyset page (`limit` rows) per key. */
  stockPage: DataLoader<StockPageQuery, StockRow[], string>;
  stockCount: DataLoader<StockCriteria, number, string>;
  movers: DataLoader<MoversQuery, StockRow[], string>;
}

export interface StockCacheNamespaces {
  stock: NamespaceCache;
  aggregation: NamespaceCache;
}

export function createStockLoaders(store: StockStore, cache: StockCacheNamespaces, caching: RequestCaching): StockLoaders {
  return {
    stock: createCachedLoader<string, StockRow | null>({
      namespace: cache.stock,
      kind: 'stock',
      caching,
      keyOf: (symbol) => symbol,
      tagsOf: (symbol) => [dataTags.stock(symbol)],
      batch: async (symbols) => {
        const rows = await store.findBySymbols(symbols);
        const bySymbol = new Map(rows.map((row) => [row.symbol, row]));
        // DataLoader's contract: one result per key, in key order; unknown symbols are null (and cached as
        // such, which is safe: a listing added later changes the symbol's tag).
        return symbols.map((symbol) => bySymbol.get(symbol) ?? null);
      },
    }),
    stockPage: createCachedLoader<StockPageQuery, StockRow[]>({
      namespace: cache.stock,
      kind: 'page',
      caching,
      keyOf: stableKey,
      tagsOf: (query) => rowsTags(query.criteria),
      batch: (queries) => Promise.all(queries.map((query) => store.findPage(query))),
    }),
    stockCount: createCachedLoader<StockCriteria, number>({
      namespace: cache.aggregation,
      kind: 'count',
      caching,
      keyOf: stableKey,
      tagsOf: countTags,
      batch: (criteria) => Promise.all(criteria.map((c) => store.count(c))),
    }),
    movers: createCachedLoader<MoversQuery, StockRow[]>({
      namespace: cache.stock,
      kind: 'movers',
      caching,
      keyOf: stableKey,
      tagsOf: (query) => rowsTags({ sector: query.sector }),
      batch: (queries) => Promise.all(queries.map((q) => store.findMovers(q.kind, q.first, q.sector))),
    }),
  };
}

/** Seeds the loader with rows a list query already fetched, so later `stock(symbol)` reads cost nothing. */
export function primeStocks(loader: StockLoader, rows: readonly StockRow[]): void {
  for (const row of rows) loader.prime(row.symbol, row);
}
