/**
 * The per-request context: fresh DataLoaders (their per-request memo must not outlive a request), the
 * shared services, the request's statement recorder and its cache bookkeeping (the data version its
 * cache keys carry, and its hit/miss tally for Server-Timing).
 *
 * Two things keep a cold request's fixed cost low:
 * - loaders are built on first use, a feature's group at a time: `stock(symbol)` builds the stock
 *   loaders and none of the chart, sector or search ones;
 * - statements are counted without AsyncLocalStorage: the loaders read through recording views of the
 *   stores, and the metrics service (which calls its store itself) is one too, so every statement of
 *   the request lands in its recorder (src/db/statement-recorder.ts explains why that is exact).
 */
import type { Cache, DefaultNamespace, RequestCaching } from '../cache/index.js';
import { recordingView, type StatementRecorder } from '../db/statement-recorder.js';
import { createChartLoader, type ChartLoader } from '../modules/charts/loaders.js';
import { createSearchLoader, type SearchLoader } from '../modules/search/loaders.js';
import { createSectorLoaders, type SectorLoaders } from '../modules/sectors/loaders.js';
import { createStockLoaders, type StockLoaders } from '../modules/stocks/loaders.js';
import type { Services } from '../services.js';

export type Loaders = StockLoaders & SectorLoaders & { chart: ChartLoader; search: SearchLoader };

export interface GraphQLContext {
  /** The request's id, as the client got it in `x-request-id`. */
  requestId: string;
  services: Services;
  loaders: Loaders;
  recorder: StatementRecorder;
  caching: RequestCaching;
  /**
   * Set by the request-counter plugin: the edge cache never stores a response with errors, and metrics
   * and logs name the operation.
   */
  response: { hasErrors: boolean; operationName: string | null };
}

/**
 * The loaders of one request, each feature's built when one of them is first read. Plain fields, not
 * `#private` ones: nothing here is copied, but a class with private fields would break the day someone
 * clones it (as Apollo clones the context object).
 */
class RequestLoaders implements Loaders {
  private stocks: StockLoaders | undefined;
  private sectors: SectorLoaders | undefined;
  private chartLoader: ChartLoader | undefined;
  private searchLoader: SearchLoader | undefined;

  constructor(
    private readonly services: Services,
    private readonly cache: Cache<DefaultNamespace>,
    private readonly recorder: StatementRecorder,
    private readonly caching: RequestCaching,
  ) {}

  private stockGroup(): StockLoaders {
    return (this.stocks ??= createStockLoaders(recordingView(this.services.stores.stocks, this.recorder), this.cache.namespaces, this.caching));
  }

  private sectorGroup(): SectorLoaders {
    return (this.sectors ??= createSectorLoaders(recordingView(this.services.stores.sectors, this.recorder), this.cache.namespaces.aggregation, this.caching));
  }

  get stock() {
    return this.stockGroup().stock;
  }
  get stockPage() {
    return this.stockGroup().stockPage;
  }
  get stockCount() {
    return this.stockGroup().stockCount;
  }
  get movers() {
    return this.stockGroup().movers;
  }
  get sectorStats() {
    return this.sectorGroup().sectorStats;
  }
  get allSectors() {
    return this.sectorGroup().allSectors;
  }
  get settledSectorStats() {
    return this.sectorGroup().settledSectorStats;
  }
  get chart() {
    return (this.chartLoader ??= createChartLoader(recordingView(this.services.stores.charts, this.recorder), this.cache.namespaces.chart, this.caching));
  }
  get search() {
    // The search engine is in memory: no store, nothing to record.
    return (this.searchLoader ??= createSearchLoader(this.services.searchIndex, this.cache.namespaces.search, this.caching));
  }
}

export function createContext(services: Services, cache: Cache<DefaultNamespace>, recorder: StatementRecorder, caching: RequestCaching, requestId: string): GraphQLContext {
  return {
    requestId,
    // Query.metrics reads its store through the service, not through a loader.
    services: { ...services, metrics: recordingView(services.metrics, recorder) },
    recorder,
    caching,
    response: { hasErrors: false, operationName: null },
    loaders: new RequestLoaders(services, cache, recorder, caching),
  };
}
