/**
 * Seeds (or rebuilds) the embedded market: the listings shipped in data/embedded-market.csv, each with
 * a deterministic synthetic history ending at the last closed NYSE session.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { embeddedMarketPath } from '../../paths.js';
import { lastClosedSession, sessionOn, type TradingSession } from './calendar/index.js';
import { parseListingsCsv, type ListingRow } from './import/parse-listings-csv.js';
import type { MarketStore } from './market.store.js';
import { syntheticStocks } from './generation/synthetic-stocks.js';

export type SeedProgress = (done: number, total: number) => void;

export interface SeedOptions {
  /** Same seed and same last session give byte-identical data. */
  seed: number;
  /** The history's last session (YYYY-MM-DD, a trading day). @default the last closed session before now */
  asOf?: string;
  onProgress?: SeedProgress;
  /** Listings to seed. @default the embedded market */
  listings?: ListingRow[];
  /** Generate histories on a worker thread while writing. @default true */
  parallel?: boolean;
  /** Seed only a database without stocks (first start); otherwise every stock and bar is replaced. @default false */
  onlyIfEmpty?: boolean;
}

export interface SeedSummary {
  stocks: number;
  bars: number;
  lastSession: string;
  elapsedMs: number;
  barsPerSecond: number;
}

export function loadEmbeddedListings(): ListingRow[] {
  const parsed = parseListingsCsv(readFileSync(embeddedMarketPath));
  if (parsed.problems.length > 0) {
    const first = parsed.problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`);
    throw new Error(`The embedded market file ${embeddedMarketPath} is invalid:\n${first.join('\n')}`);
  }
  return parsed.rows;
}

export function resolveLastSession(asOf: string | undefined, now = Date.now()): TradingSession {
  if (asOf === undefined) return lastClosedSession(Math.floor(now / 1000));
  const session = sessionOn(asOf);
  if (!session) throw new Error(`--as-of ${asOf} is not an NYSE trading day: pick a weekday that is not a market holiday.`);
  return session;
}

export async function seedEmbeddedMarket(store: MarketStore, options: SeedOptions): Promise<SeedSummary> {
  const started = performance.now();
  const listings = options.listings ?? loadEmbeddedListings();
  const lastSession = resolveLastSession(options.asOf);
  const total = listings.length;
  options.onProgress?.(0, total);
  const result = await store.write(
    syntheticStocks(listings, options.seed, lastSession, { parallel: options.parallel }),
    { reset: !options.onlyIfEmpty, onlyIfEmpty: options.onlyIfEmpty, onStock: (done) => options.onProgress?.(done, total) },
  );
  const elapsedMs = performance.now() - started;
  return {
    stocks: result.stocksWritten,
    bars: result.barsWritten,
    lastSession: lastSession.date,
    elapsedMs: Math.round(elapsedMs),
    barsPerSecond: Math.round(result.barsWritten / (elapsedMs / 1000)),
  };
}
