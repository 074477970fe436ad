/**
 * Owns the live search index: builds it from the database at start, hears which data changed (this
 * process's commits or another's, via the data versions of src/db/data-versions.ts), and keeps the index
 * as current as each change needs:
 * - a listings change (a stock added, removed, renamed, moved to another sector) builds a new index beside
 *   the old one (on a worker thread for large universes) and swaps it in; a search that arrives after the
 *   change waits for that build (`upToDate`), so no answer misses a listing that committed before it was
 *   asked (listings change rarely: an import, not a price tick);
 * - a quote change patches the changed stocks' rows in place, synchronously, before any request reads
 *   the new versions, so quote filters (price, change, market cap) never see an old price. The index's
 *   market-cap tie-break (the order of hits whose text scores are equal) is a ranking signal refreshed by
 *   a rebuild at most every QUOTE_REBUILD_MS while quotes move, not data a hit shows.
 *
 * Search answers therefore depend on the listings tag (`l`) and, when filtered on quotes, on the quotes
 * of what could match: versions every process on the file agrees on, so answers can be shared in Redis.
 */
import { performance } from 'node:perf_hooks';
import type { DataChange } from '../../db/data-versions.js';
import type { StockRow } from '../../db/schema.js';
import type { Logger } from '../../logger.js';
import { buildIndexOffThread } from './build-index-off-thread.js';
import type { SearchDocument, SearchIndex } from './engine/index.js';
import type { ReadStockRows } from './search-rows.store.js';
import type { SearchStore } from './search.store.js';

/** While quotes move, the market caps the index ranks ties by are rebuilt at most this often. */
export const QUOTE_REBUILD_MS = 60_000;

export interface IndexSnapshot {
  index: SearchIndex;
  /** The stock of each document id: as read when the index was built, quotes patched since. */
  rows: StockRow[];
  /** Document id by symbol, for patching. */
  idOf: Map<string, number>;
  /** The data version (meta) the rows were read at, for logs. */
  dataVersion: number;
  /** How many listings changes this process had heard of when the build read its rows. */
  listingsAt: number;
  buildMs: number;
  builtAt: Date;
}

/** What the holder needs of the data versions: to hear changes, and to look for them. */
export interface ChangeFeed {
  onChange(listener: (change: DataChange) => void): void;
  sync(): void;
}

export interface SearchIndexHolderOptions {
  store: SearchStore;
  readRows: ReadStockRows;
  changes: ChangeFeed;
  logger: Logger;
  /** How often to look for commits when no request does. @default 1000 */
  pollIntervalMs?: number;
}

export function toSearchDocument(row: StockRow): SearchDocument {
  return { symbol: row.symbol, name: row.name, industry: row.industry, sector: row.sector, marketCap: row.marketCap };
}

export class SearchIndexHolder {
  private snapshot: IndexSnapshot | null = null;
  private timer: NodeJS.Timeout | null = null;
  private rebuilding: Promise<IndexSnapshot> | null = null;
  private readonly pollIntervalMs: number;
  /** A listings change (or a failed build) still to be built into an index. */
  private listingsStale = false;
  private quotesMovedSinceBuild = false;
  /** Symbols whose quotes changed while a build runs: patched into the new rows before the swap. */
  private changedDuringBuild: Set<string> | null = null;
  /** Listings changes heard so far (a new listing, a removal, a rename, a new database). */
  private listingsChanges = 0;

  constructor(private readonly options: SearchIndexHolderOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    options.changes.onChange((change) => this.hear(change));
  }

  /** The index requests search now; null before the first build. */
  current(): IndexSnapshot | null {
    return this.snapshot;
  }

  /**
   * The index to answer a search with: the current one, unless the listings changed since it was built
   * (or there is none yet), then the build that includes the change, awaited. A failing build leaves the
   * old index answering (logged; the next poll builds again).
   */
  async upToDate(): Promise<IndexSnapshot | null> {
    this.options.changes.sync();
    const wanted = this.listingsChanges;
    // A build already running may have read its rows before the change: then one more is needed.
    for (let attempt = 0; attempt < 3 && (this.snapshot === null || this.snapshot.listingsAt < wanted); attempt++) {
      try {
        await this.rebuild();
      } catch (error) {
        this.options.logger.error('search index build failed', { message: error instanceof Error ? error.message : String(error) });
        break;
      }
    }
    return this.snapshot;
  }

  /** Builds from the database and swaps the new index in; concurrent callers share one build. */
  rebuild(): Promise<IndexSnapshot> {
    this.rebuilding ??= this.build().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /** Starts looking for commits on a timer (requests look too, on every turn they run in). */
  watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refreshIfStale(), this.pollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Looks for commits now, and rebuilds when the listings changed (or quotes did, long enough ago). */
  async refreshIfStale(): Promise<void> {
    try {
      this.options.changes.sync();
      const quotesDue = this.quotesMovedSinceBuild && this.snapshot !== null && Date.now() - this.snapshot.builtAt.getTime() >= QUOTE_REBUILD_MS;
      if (this.snapshot && !this.listingsStale && !quotesDue) return;
      await this.rebuild();
    } catch (error) {
      // The old index keeps serving; the next poll tries again.
      this.listingsStale = true;
      this.options.logger.error('search index refresh failed', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  private hear(change: DataChange): void {
    if (change === 'all') {
      this.listingsStale = true;
      this.listingsChanges += 1;
      return;
    }
    const symbols: string[] = [];
    for (const tag of change) {
      if (tag === 'l') {
        this.listingsStale = true;
        this.listingsChanges += 1;
      }
      else if (tag.startsWith('s:')) symbols.push(tag.slice(2));
    }
    if (symbols.length === 0) return;
    this.quotesMovedSinceBuild = true;
    if (this.changedDuringBuild) for (const symbol of symbols) this.changedDuringBuild.add(symbol);
    if (this.snapshot) patchRows(this.snapshot, this.options.readRows(symbols));
  }

  private async build(): Promise<IndexSnapshot> {
    this.changedDuringBuild = new Set();
    this.listingsStale = false;
    const listingsAt = this.listingsChanges;
    this.quotesMovedSinceBuild = false;
    try {
      const { rows, dataVersion } = await this.options.store.loadDocuments();
      const started = performance.now();
      const { index, thread } = await buildIndexOffThread(rows.map(toSearchDocument));
      const snapshot: IndexSnapshot = {
        index,
        rows,
        idOf: new Map(rows.map((row, id) => [row.symbol, id])),
        dataVersion,
        listingsAt,
        buildMs: performance.now() - started,
        builtAt: new Date(),
      };
      // Quotes that committed while the index was built, then the swap: synchronous, so no request sees
      // the new index with older quotes than the old one had.
      patchRows(snapshot, this.options.readRows([...this.changedDuringBuild]));
      this.snapshot = snapshot;
      this.options.logger.info('search index built', { documents: rows.length, dataVersion, buildMs: Math.round(snapshot.buildMs), thread });
      return snapshot;
    } catch (error) {
      this.listingsStale = true;
      throw error;
    } finally {
      this.changedDuringBuild = null;
    }
  }
}

/** Replaces the rows of stocks the index has (others wait for the listings rebuild that adds them). */
function patchRows(snapshot: IndexSnapshot, fresh: readonly StockRow[]): void {
  for (const row of fresh) {
    const id = snapshot.idOf.get(row.symbol);
    if (id !== undefined) snapshot.rows[id] = row;
  }
}
