/**
 * The database schema (Drizzle). `npm run db:generate` turns changes here into a migration in drizzle/.
 *
 * Why the latest quote lives in the `stocks` row: every list query filters on listing facts (sector,
 * industry, exchange) and orders by quote figures (price, change, volume, market cap). Keeping both in
 * one table lets a single composite index serve filter + order + keyset pagination, and lets one
 * statement return a stock together with its quote.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const stocks = sqliteTable(
  'stocks',
  {
    symbol: text('symbol').primaryKey(),
    name: text('name').notNull(),
    exchange: text('exchange'),
    sector: text('sector'),
    industry: text('industry'),
    currency: text('currency').notNull().default('USD'),
    sharesOutstanding: real('shares_outstanding').notNull(),
    // The latest quote. Every listed stock has one: rows imported without prices get a synthetic history.
    price: real('price').notNull(),
    change: real('change').notNull(),
    changePercent: real('change_percent').notNull(),
    open: real('open'),
    high: real('high'),
    low: real('low'),
    previousClose: real('previous_close'),
    volume: real('volume').notNull(),
    marketCap: real('market_cap').notNull(),
    /** Unix milliseconds of the quote. */
    quoteUpdatedAt: integer('quote_updated_at').notNull(),
  },
  (t) => [
    // One index per order (ties broken by symbol) so ORDER BY … LIMIT walks an index instead of sorting.
    index('stocks_name_idx').on(sql`${t.name} COLLATE NOCASE`, t.symbol),
    index('stocks_price_idx').on(t.price, t.symbol),
    index('stocks_change_percent_idx').on(t.changePercent, t.symbol),
    index('stocks_volume_idx').on(t.volume, t.symbol),
    index('stocks_market_cap_idx').on(t.marketCap, t.symbol),
    // Sector pages, sector stats and movers-in-a-sector order by these within one sector.
    index('stocks_sector_market_cap_idx').on(t.sector, t.marketCap, t.symbol),
    // Also covers sector stats: the GROUP BY reads market cap and change from the index, never the table,
    // and the top gainer/loser subqueries walk it from either end.
    index('stocks_sector_stats_idx').on(t.sector, t.changePercent, t.symbol, t.marketCap, t.change),
    index('stocks_sector_volume_idx').on(t.sector, t.volume, t.symbol),
    index('stocks_industry_idx').on(sql`${t.industry} COLLATE NOCASE`, t.marketCap),
    index('stocks_exchange_idx').on(sql`${t.exchange} COLLATE NOCASE`, t.marketCap),
  ],
);

/**
 * Each sector's aggregates over its stocks, kept by SQLite triggers (migration 0004) in the transaction of
 * every stock-row write, by any writer (plain SQL included): a list that shows `sectorStats` reads a row
 * per sector instead of aggregating the stocks table on every cold request. Each write recomputes its
 * sector's row from the view `sector_stats_aggregate` (a GROUP BY over the sector's stocks, also in 0004),
 * never adjusts it by a difference, so the figures are exactly what that aggregate gives, with no drift.
 */
export const sectorStats = sqliteTable('sector_stats', {
  sector: text('sector').primaryKey(),
  stockCount: integer('stock_count').notNull(),
  totalMarketCap: real('total_market_cap').notNull(),
  averageChangePercent: real('average_change_percent').notNull(),
  advancers: integer('advancers').notNull(),
  decliners: integer('decliners').notNull(),
  unchanged: integer('unchanged').notNull(),
  topGainerSymbol: text('top_gainer_symbol'),
  topLoserSymbol: text('top_loser_symbol'),
});

/**
 * OHLCV bars. Stored intervals: 60 s, 300 s, 3600 s and 86400 s; 15-minute, weekly and monthly bars are
 * aggregated from them in SQL. WITHOUT ROWID: the primary key is the only access path (a chart is one
 * range scan on (symbol, interval, time)), so the table is that B-tree and nothing else.
 */
export const bars = sqliteTable(
  'bars',
  {
    // No FOREIGN KEY to stocks: checking the parent row on every insert costs a quarter of bulk-write
    // speed. The market store, the only writer, deletes a stock's bars with the stock.
    symbol: text('symbol').notNull(),
    intervalSeconds: integer('interval_seconds').notNull(),
    /** Unix seconds of the bar's start; a daily bar starts at the session's open. */
    time: integer('time').notNull(),
    open: real('open').notNull(),
    high: real('high').notNull(),
    low: real('low').notNull(),
    close: real('close').notNull(),
    volume: real('volume').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.intervalSeconds, t.time] })],
);

/** Small key/value facts about the data: its version (bumped by every committed write) and when it changed. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export type StockRow = typeof stocks.$inferSelect;
export type NewStockRow = typeof stocks.$inferInsert;

/**
 * When each stock was last fetched from a provider, per range: the ingester skips symbols fetched
 * within its freshness window ("cache first"), whatever the provider's own quote time says.
 */
export const ingestState = sqliteTable(
  'ingest_state',
  {
    symbol: text('symbol').notNull(),
    /** The provider range fetched (`1d`, `5y`, …). */
    range: text('range').notNull(),
    /** Unix milliseconds of the fetch whose data was committed. */
    fetchedAt: integer('fetched_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.range] })],
);

/**
 * Leases that keep two writers from working at once across processes on this file (the ingest
 * updater): a row per lock, held by `owner` until `expires_at` unless renewed.
 */
export const leases = sqliteTable('leases', {
  name: text('name').primaryKey(),
  owner: text('owner').notNull(),
  /** Unix milliseconds after which another process may take the lease. */
  expiresAt: integer('expires_at').notNull(),
});

/**
 * The change clock of this file (one row). `seq` grows with every change to a stock row or a bar, by any
 * writer: the triggers of migration 0002 advance it in the writing transaction, so plain SQL into the file
 * is seen like our own writes. `bulk` is set only inside a bulk write (seed, import) that records its
 * changes per stock itself instead of per bar row; `databaseId` names this file in shared cache keys.
 */
export const dataClock = sqliteTable('data_clock', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  bulk: integer('bulk').notNull(),
  databaseId: text('database_id').notNull(),
});

/**
 * The version of each piece of data a cache entry can depend on: the `seq` of its last change. Tags:
 * `s:<symbol>` a stock row, `b:<symbol>` its bars, `q` any stock row (lists over all stocks), `q:<sector>`
 * any stock row in that sector (before or after the change), `l` the listings (symbols, names, sectors).
 * Readers ask for the rows with `seq` above the last one they saw (src/db/data-versions.ts).
 */
export const dataVersions = sqliteTable(
  'data_versions',
  {
    tag: text('tag').primaryKey(),
    seq: integer('seq').notNull(),
  },
  (t) => [index('data_versions_seq_idx').on(t.seq)],
);
