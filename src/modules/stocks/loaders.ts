/**
 * Per-request loaders for stocks: every `stock by symbol` read in one request becomes one statement.
 */
import DataLoader from 'dataloader';
import type { StockRow } from '../../db/schema.js';
import type { StockStore } from './stocks.store.js';

export type StockLoader = DataLoader<string, StockRow | null>;

export function createStockLoader(store: StockStore): StockLoader {
  return new DataLoader<string, StockRow | null>(
    async (symbols) => {
      const rows = await store.findBySymbols(symbols);
      const bySymbol = new Map(rows.map((row) => [row.symbol, row]));
      // DataLoader's contract: one result per key, in key order; unknown symbols are null, not errors.
      return symbols.map((symbol) => bySymbol.get(symbol) ?? null);
    },
    { maxBatchSize: 1000 },
  );
}

/** Seeds the loader with rows a list query already fetched, so later `stock(symbol)` reads cost nothing. */
export function primeStocks(loader: StockLoader, rows: readonly StockRow[]): void {
  for (const row of rows) loader.prime(row.symbol, row);
}
