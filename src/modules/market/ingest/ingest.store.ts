/**
 * The ingester's reads and bookkeeping: which stocks to fetch (with what the providers and the freshness
 * rule need to know about each), when each was last fetched, and the lease that keeps two updaters from
 * writing at once. Stock and bar writes themselves go through the market store.
 */
import type Database from 'better-sqlite3';
import type { ListingFacts } from '../market.store.js';
import type { SyntheticAnchor } from './synthetic/synthetic-provider.js';

export interface IngestTarget {
  facts: ListingFacts;
  sharesOutstanding: number;
  /** The stored quote: what a provider answer that leaves a figure out keeps. */
  stored: { price: number; previousClose: number | null; open: number | null; high: number | null; low: number | null; volume: number; updatedAt: number };
  /** The latest stored daily bar (its session's open, unix seconds), if any. */
  lastDaily: { time: number; close: number } | null;
  /** When this range was last fetched and committed (unix ms), if ever. */
  fetchedAt: number | null;
}

export interface IngestStore {
  /** Listed stocks among `symbols` (all listed stocks for `all`), in symbol order. */
  targets(symbols: readonly string[] | 'all', range: string): Promise<IngestTarget[]>;
  /**
   * What the synthetic provider continues from: the stock's sector and shares, and its latest daily bar
   * starting before `before` (unix seconds); null for an unlisted stock or one without daily bars.
   */
  syntheticAnchor(symbol: string, before: number): Promise<SyntheticAnchor | null>;
  /** Records fetch times; call inside the write transaction that commits the fetched data. */
  markFetched(range: string, entries: ReadonlyArray<{ symbol: string; fetchedAt: number }>): void;
  /**
   * Takes or renews the named lease for `owner` until `now + ttlMs`; false when another owner holds an
   * unexpired one. Atomic across processes (one IMMEDIATE transaction).
   */
  acquireLease(name: string, owner: string, ttlMs: number, now?: number): boolean;
  releaseLease(name: string, owner: string): void;
  /** Who holds the lease now, if anyone. */
  leaseHolder(name: string, now?: number): { owner: string; expiresAt: number } | null;
}

interface TargetRow extends ListingFacts {
  sharesOutstanding: number;
  price: number;
  previousClose: number | null;
  open: number | null;
  high: number | null;
  low: number | null;
  volume: number;
  quoteUpdatedAt: number;
  lastDailyTime: number | null;
  lastDailyClose: number | null;
  fetchedAt: number | null;
}

// The latest daily bar is one primary-key probe from the end of (symbol, 86400, time).
const TARGET_COLUMNS = `
  s.symbol AS symbol, s.name AS name, s.exchange AS exchange, s.sector AS sector, s.industry AS industry,
  s.currency AS currency, s.shares_outstanding AS sharesOutstanding, s.price AS price, s.previous_close AS previousClose,
  s.open AS open, s.high AS high, s.low AS low, s.volume AS volume, s.quote_updated_at AS quoteUpdatedAt,
  (SELECT b.time FROM bars b WHERE b.symbol = s.symbol AND b.interval_seconds = 86400 ORDER BY b.time DESC LIMIT 1) AS lastDailyTime,
  (SELECT b.close FROM bars b WHERE b.symbol = s.symbol AND b.interval_seconds = 86400 ORDER BY b.time DESC LIMIT 1) AS lastDailyClose,
  f.fetched_at AS fetchedAt`;

export function createIngestStore(sqlite: Database.Database): IngestStore {
  const allTargets = sqlite.prepare<[{ range: string }], TargetRow>(`/* ingestTargetsAll */
    SELECT ${TARGET_COLUMNS} FROM stocks s LEFT JOIN ingest_state f ON f.symbol = s.symbol AND f.range = @range
    ORDER BY s.symbol`);
  const someTargets = sqlite.prepare<[{ range: string; symbols: string }], TargetRow>(`/* ingestTargetsBySymbol */
    SELECT ${TARGET_COLUMNS} FROM stocks s LEFT JOIN ingest_state f ON f.symbol = s.symbol AND f.range = @range
    WHERE s.symbol IN (SELECT value FROM json_each(@symbols)) ORDER BY s.symbol`);
  const anchor = sqlite.prepare<[{ symbol: string; before: number }], { sector: string | null; sharesOutstanding: number; time: number; close: number }>(`/* syntheticAnchor */
    SELECT s.sector AS sector, s.shares_outstanding AS sharesOutstanding, b.time AS time, b.close AS close
    FROM stocks s JOIN bars b ON b.symbol = s.symbol AND b.interval_seconds = 86400 AND b.time < @before
    WHERE s.symbol = @symbol ORDER BY b.time DESC LIMIT 1`);
  const markFetched = sqlite.prepare(`/* markFetched */
    INSERT INTO ingest_state (symbol, range, fetched_at) VALUES (?, ?, ?)
    ON CONFLICT (symbol, range) DO UPDATE SET fetched_at = excluded.fetched_at`);
  const readLease = sqlite.prepare<[string], { owner: string; expiresAt: number }>(
    `/* readLease */ SELECT owner, expires_at AS expiresAt FROM leases WHERE name = ?`,
  );
  const writeLease = sqlite.prepare(`/* writeLease */
    INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at`);
  const deleteLease = sqlite.prepare(`/* releaseLease */ DELETE FROM leases WHERE name = ? AND owner = ?`);

  const acquire = sqlite.transaction((name: string, owner: string, ttlMs: number, now: number): boolean => {
    const held = readLease.get(name);
    if (held && held.owner !== owner && held.expiresAt > now) return false;
    writeLease.run(name, owner, now + ttlMs);
    return true;
  });

  return {
    async targets(symbols, range) {
      const rows = symbols === 'all' ? allTargets.all({ range }) : someTargets.all({ range, symbols: JSON.stringify(symbols) });
      return rows.map((row) => ({
        facts: { symbol: row.symbol, name: row.name, exchange: row.exchange, sector: row.sector, industry: row.industry, currency: row.currency },
        sharesOutstanding: row.sharesOutstanding,
        stored: {
          price: row.price,
          previousClose: row.previousClose,
          open: row.open,
          high: row.high,
          low: row.low,
          volume: row.volume,
          updatedAt: row.quoteUpdatedAt,
        },
        lastDaily: row.lastDailyTime === null || row.lastDailyClose === null ? null : { time: row.lastDailyTime, close: row.lastDailyClose },
        fetchedAt: row.fetchedAt,
      }));
    },
    async syntheticAnchor(symbol, before) {
      const row = anchor.get({ symbol, before });
      return row ? { sector: row.sector, sharesOutstanding: row.sharesOutstanding, lastDaily: { time: row.time, close: row.close } } : null;
    },
    markFetched(range, entries) {
      for (const { symbol, fetchedAt } of entries) markFetched.run(symbol, range, fetchedAt);
    },
    acquireLease(name, owner, ttlMs, now = Date.now()) {
      return acquire.immediate(name, owner, ttlMs, now);
    },
    releaseLease(name, owner) {
      deleteLease.run(name, owner);
    },
    leaseHolder(name, now = Date.now()) {
      const held = readLease.get(name);
      return held && held.expiresAt > now ? held : null;
    },
  };
}
