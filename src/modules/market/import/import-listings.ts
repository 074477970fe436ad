/**
 * `stockql import`: validates a listings CSV, then writes it in one transaction.
 *
 * New symbols get a deterministic synthetic history (anchored on the row's price and market cap when
 * given); symbols already listed get their facts updated and keep their prices and bars, which come from
 * ingestion. With `replace`, stocks missing from the file are removed. Invalid rows stop the import before
 * anything is written, unless `skipInvalid` is set.
 */
import { performance } from 'node:perf_hooks';
import type { MarketStore, StockWrite } from '../market.store.js';
import { resolveLastSession } from '../seed-market.js';
import { syntheticStocks } from '../generation/synthetic-stocks.js';
import { listingFacts } from '../synthetic-stock.js';
import { parseListingsCsv, type RowProblem } from './parse-listings-csv.js';

export interface ImportOptions {
  /** Remove listed stocks that the file does not name. @default false */
  replace?: boolean;
  /** Import the valid rows and report the invalid ones, instead of refusing the whole file. @default false */
  skipInvalid?: boolean;
  /** Seed of the synthetic histories of new stocks. */
  seed: number;
  /** Last session of new stocks' histories (YYYY-MM-DD). @default the last closed session */
  asOf?: string;
  onProgress?: (done: number, total: number) => void;
}

export type ImportResult =
  | { kind: 'rejected'; reason: string; problems: RowProblem[] }
  | {
      kind: 'imported';
      added: number;
      updated: number;
      removed: number;
      bars: number;
      skipped: RowProblem[];
      ignoredColumns: string[];
      elapsedMs: number;
    };

export async function importListings(store: MarketStore, csv: string | Buffer, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const parsed = parseListingsCsv(csv);
  // A header problem (line 1) makes every row unreadable: there is nothing to skip to.
  const headerBroken = parsed.problems.some((p) => p.line === 1) && parsed.rows.length === 0;
  if (headerBroken || (parsed.problems.length > 0 && !options.skipInvalid)) {
    return { kind: 'rejected', reason: headerBroken ? 'the header is not usable' : `${parsed.problems.length} problem(s) found; nothing was written`, problems: parsed.problems };
  }
  if (parsed.rows.length === 0) {
    return { kind: 'rejected', reason: 'the file has no valid rows; nothing was written', problems: parsed.problems };
  }

  const listed = await store.listedSymbols();
  const lastSession = resolveLastSession(options.asOf);
  const total = parsed.rows.length;
  const newRows = parsed.rows.filter((row) => !listed.has(row.symbol));
  const added = newRows.length;
  const writes = function* (): Generator<StockWrite> {
    // New stocks' histories come, in file order, from generation running beside the write.
    const generated = syntheticStocks(newRows, options.seed, lastSession);
    for (const row of parsed.rows) {
      if (listed.has(row.symbol)) yield { facts: listingFacts(row), quote: null, bars: [] };
      else yield generated.next().value as StockWrite;
    }
    generated.return(undefined);
  };
  options.onProgress?.(0, total);
  const result = await store.write(writes(), { replace: options.replace ?? false, onStock: (done) => options.onProgress?.(done, total) });
  return {
    kind: 'imported',
    added,
    updated: result.stocksWritten - added,
    removed: result.stocksRemoved,
    bars: result.barsWritten,
    skipped: parsed.problems,
    ignoredColumns: parsed.ignoredColumns,
    elapsedMs: Math.round(performance.now() - started),
  };
}
