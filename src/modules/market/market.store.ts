/**
 * The market repository's write side: listings, quotes and bars in bulk, and the data version.
 *
 * A write is one transaction over an iterable of stocks that the store consumes inside it, so a caller
 * can generate histories lazily (memory stays flat) while every row lands or none does. Bars go in as
 * multi-row upserts of BAR_BATCH_ROWS rows through one prepared statement: binding many rows per call is
 * what makes SQLite take several hundred thousand bars per second.
 */
import type Database from 'better-sqlite3';
import { createBulkChanges } from '../../db/bulk-changes.js';

export interface ListingFacts {
  symbol: string;
  name: string;
  exchange: string | null;
  sector: string | null;
  industry: string | null;
  currency: string;
}

export interface QuoteValues {
  sharesOutstanding: number;
  price: number;
  change: number;
  changePercent: number;
  open: number | null;
  high: number | null;
  low: number | null;
  previousClose: number | null;
  volume: number;
  marketCap: number;
  /** Unix milliseconds. */
  updatedAt: number;
}

/** Bars of one interval in columns (typed arrays from the generator, or plain arrays). */
export interface BarColumns {
  intervalSeconds: number;
  length: number;
  time: ArrayLike<number>;
  open: ArrayLike<number>;
  high: ArrayLike<number>;
  low: ArrayLike<number>;
  close: ArrayLike<number>;
  volume: ArrayLike<number>;
}

/** One stock to write: facts always; quote and bars when there are new ones (else the old ones stay). */
export interface StockWrite {
  facts: ListingFacts;
  quote: QuoteValues | null;
  bars: BarColumns[];
}

export interface WriteOptions {
  /** Delete every stock and bar before writing (a rebuild). @default false */
  reset?: boolean;
  /** Delete every stock (and its bars) that the write does not name. @default false */
  replace?: boolean;
  /**
   * Write nothing when stocks are already listed (checked inside the transaction, so two processes that
   * start on one empty file do not both seed it). @default false
   */
  onlyIfEmpty?: boolean;
  /** Called after each stock is written, inside the transaction. */
  onStock?: (written: number) => void;
  /** Called once after every stock is written, inside the transaction: bookkeeping that must commit with it. */
  beforeCommit?: () => void;
}

export interface WriteSummary {
  stocksWritten: number;
  barsWritten: number;
  stocksRemoved: number;
  dataVersion: number;
}

export interface MarketStore {
  /** Symbols listed now. */
  listedSymbols(): Promise<Set<string>>;
  /** Writes `stocks` in one transaction; the data clock moves only when a row actually changed. */
  write(stocks: Iterable<StockWrite>, options?: WriteOptions): Promise<WriteSummary>;
}

export const BAR_BATCH_ROWS = 500;
const BAR_COLUMNS = 8;

export interface MarketStoreOptions {
  /**
   * Called after each write commits. The data versions reader of the same connection needs it: SQLite's
   * `PRAGMA data_version` reports other connections' commits, never this one's.
   */
  onCommit?: () => void;
}

export function createMarketStore(sqlite: Database.Database, storeOptions: MarketStoreOptions = {}): MarketStore {
  // `replace` marks the symbols a write names here (per connection, never on disk).
  sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS wanted_symbols (symbol TEXT PRIMARY KEY)');
  const upsertFacts = sqlite.prepare(`/* upsertListingFacts */
    INSERT INTO stocks (symbol, name, exchange, sector, industry, currency, shares_outstanding, price, change,
                        change_percent, volume, market_cap, quote_updated_at)
    VALUES (@symbol, @name, @exchange, @sector, @industry, @currency, 0, 0, 0, 0, 0, 0, 0)
    ON CONFLICT (symbol) DO UPDATE SET name = excluded.name, exchange = excluded.exchange, sector = excluded.sector,
      industry = excluded.industry, currency = excluded.currency
    WHERE (name, exchange, sector, industry, currency)
      IS NOT (excluded.name, excluded.exchange, excluded.sector, excluded.industry, excluded.currency)`);
  const updateQuote = sqlite.prepare(`/* updateQuote */
    UPDATE stocks SET shares_outstanding = @sharesOutstanding, price = @price, change = @change,
      change_percent = @changePercent, open = @open, high = @high, low = @low, previous_close = @previousClose,
      volume = @volume, market_cap = @marketCap, quote_updated_at = @updatedAt
    WHERE symbol = @symbol
      AND (shares_outstanding, price, change, change_percent, open, high, low, previous_close, volume, market_cap, quote_updated_at)
      IS NOT (@sharesOutstanding, @price, @change, @changePercent, @open, @high, @low, @previousClose, @volume, @marketCap, @updatedAt)`);
  const barsSql = (rows: number) => `/* upsertBars:${rows} */
    INSERT INTO bars (symbol, interval_seconds, time, open, high, low, close, volume)
    VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
    ON CONFLICT (symbol, interval_seconds, time) DO UPDATE SET open = excluded.open, high = excluded.high,
      low = excluded.low, close = excluded.close, volume = excluded.volume
    WHERE (open, high, low, close, volume) IS NOT (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)`;
  // One statement per row count, prepared on first use: a series is written in full batches plus one
  // statement for its remainder, never row by row (series lengths repeat, so few sizes are ever built).
  const bySize = new Map<number, { statement: Database.Statement; params: unknown[] }>();
  const batchOf = (rows: number) => {
    let batch = bySize.get(rows);
    if (!batch) {
      batch = { statement: sqlite.prepare(barsSql(rows)), params: new Array<unknown>(rows * BAR_COLUMNS) };
      bySize.set(rows, batch);
    }
    return batch;
  };
  const anyStock = sqlite.prepare(`/* anyStock */ SELECT 1 FROM stocks LIMIT 1`).pluck();
  const listed = sqlite.prepare<[], string>(`/* listedSymbols */ SELECT symbol FROM stocks`).pluck();
  const markWanted = sqlite.prepare(`/* markWanted */ INSERT OR IGNORE INTO temp.wanted_symbols (symbol) VALUES (?)`);
  const unwanted = sqlite
    .prepare<[], string>(`/* unwantedSymbols */ SELECT symbol FROM stocks WHERE symbol NOT IN (SELECT symbol FROM temp.wanted_symbols)`)
    .pluck();
  const removeStock = sqlite.prepare(`/* removeStock */ DELETE FROM stocks WHERE symbol = ?`);
  const removeBars = sqlite.prepare(`/* removeStockBars */ DELETE FROM bars WHERE symbol = ?`);
  // The data clock (migration 0002): its value after a commit is the summary's data version.
  const readVersion = sqlite.prepare<[], number>(`/* dataVersion */ SELECT seq FROM data_clock WHERE id = 1`).pluck();
  const setMeta = sqlite.prepare(`/* setMeta */
    INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const countBars = sqlite.prepare<[], number>(`/* countBars */ SELECT count(*) FROM bars`).pluck();

  const bulk = createBulkChanges(sqlite);

  /** Writes one series; the count of rows inserted or changed (identical bars are left alone). */
  function writeBars(symbol: string, series: BarColumns): number {
    let changed = 0;
    for (let start = 0; start < series.length; start += BAR_BATCH_ROWS) {
      const rows = Math.min(BAR_BATCH_ROWS, series.length - start);
      const { statement, params } = batchOf(rows);
      for (let r = 0; r < rows; r++) fillRow(params, r * BAR_COLUMNS, symbol, series, start + r);
      changed += statement.run(params).changes;
    }
    return changed;
  }

  const write = sqlite.transaction((items: Iterable<StockWrite>, options: WriteOptions): WriteSummary => {
    let stocksWritten = 0;
    let barsWritten = 0;
    if (options.onlyIfEmpty && anyStock.get() !== undefined) return { stocksWritten, barsWritten, stocksRemoved: 0, dataVersion: Number(readVersion.get() ?? 0) };
    bulk.begin();
    if (options.reset) {
      sqlite.exec('DELETE FROM bars; DELETE FROM stocks;');
      bulk.newEpoch();
    }
    if (options.replace) sqlite.exec('DELETE FROM temp.wanted_symbols');
    for (const item of items) {
      upsertFacts.run(item.facts);
      if (item.quote) updateQuote.run({ symbol: item.facts.symbol, ...item.quote });
      let changed = 0;
      for (const series of item.bars) changed += writeBars(item.facts.symbol, series);
      if (changed > 0) bulk.barsChanged(item.facts.symbol);
      barsWritten += changed;
      if (options.replace) markWanted.run(item.facts.symbol);
      stocksWritten += 1;
      options.onStock?.(stocksWritten);
    }
    let stocksRemoved = 0;
    if (options.replace) {
      for (const symbol of unwanted.all()) {
        if (removeBars.run(symbol).changes > 0) bulk.barsChanged(symbol);
        stocksRemoved += removeStock.run(symbol).changes;
      }
    }
    options.beforeCommit?.();
    bulk.finish();
    const dataVersion = Number(readVersion.get() ?? 0);
    setMeta.run('data_updated_at', new Date().toISOString());
    setMeta.run('bar_count', String(countBars.get()));
    return { stocksWritten, barsWritten, stocksRemoved, dataVersion };
  });

  return {
    async listedSymbols() {
      return new Set(listed.all());
    },
    async write(items, options = {}) {
      // IMMEDIATE takes the write lock up front: what the transaction reads cannot change under it.
      const summary = write.immediate(items, options);
      storeOptions.onCommit?.();
      return summary;
    },
  };
}

function fillRow(target: unknown[], at: number, symbol: string, s: BarColumns, i: number): void {
  target[at] = symbol;
  target[at + 1] = s.intervalSeconds;
  target[at + 2] = s.time[i];
  target[at + 3] = s.open[i];
  target[at + 4] = s.high[i];
  target[at + 5] = s.low[i];
  target[at + 6] = s.close[i];
  target[at + 7] = s.volume[i];
}
