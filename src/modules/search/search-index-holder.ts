/**
 * Owns the live search index: builds it from the database at start, notices every committed write
 * (this process's or another's: seed, import, ingest) by polling the data version, builds a new index
 * beside the old one (on a worker thread for large universes) and swaps it in. Requests always search a
 * complete index, old or new, and are not stalled by the build.
 */
import { performance } from 'node:perf_hooks';
import type { StockRow } from '../../db/schema.js';
import type { Logger } from '../../logger.js';
import { buildIndexOffThread } from './build-index-off-thread.js';
import type { SearchDocument, SearchIndex } from './engine/index.js';
import type { SearchStore } from './search.store.js';

export interface IndexSnapshot {
  index: SearchIndex;
  /** The stock of each document id, as read when the index was built. */
  rows: StockRow[];
  dataVersion: number;
  buildMs: number;
  builtAt: Date;
}

export interface SearchIndexHolderOptions {
  store: SearchStore;
  /** The data version now (the market store's; cheap enough to poll every second). */
  dataVersion: () => Promise<number>;
  logger: Logger;
  /** How often to look for a new data version. @default 1000 */
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

  constructor(private readonly options: SearchIndexHolderOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
  }

  /** The index requests search now; null before the first build. */
  current(): IndexSnapshot | null {
    return this.snapshot;
  }

  /** Builds from the database and swaps the new index in; concurrent callers share one build. */
  rebuild(): Promise<IndexSnapshot> {
    this.rebuilding ??= this.build().finally(() => {
      this.rebuilding = null;
    });
    return this.rebuilding;
  }

  /** Starts watching for new data versions. */
  watch(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refreshIfStale(), this.pollIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Rebuilds when the data changed since the current index was built. */
  async refreshIfStale(): Promise<void> {
    try {
      const version = await this.options.dataVersion();
      if (this.snapshot && version === this.snapshot.dataVersion) return;
      await this.rebuild();
    } catch (error) {
      // The old index keeps serving; the next poll tries again.
      this.options.logger.error('search index refresh failed', { message: error instanceof Error ? error.message : String(error) });
    }
  }

  private async build(): Promise<IndexSnapshot> {
    const { rows, dataVersion } = await this.options.store.loadDocuments();
    const started = performance.now();
    const { index, thread } = await buildIndexOffThread(rows.map(toSearchDocument));
    const snapshot = { index, rows, dataVersion, buildMs: performance.now() - started, builtAt: new Date() };
    this.snapshot = snapshot;
    this.options.logger.info('search index built', { documents: rows.length, dataVersion, buildMs: Math.round(snapshot.buildMs), thread });
    return snapshot;
  }
}
