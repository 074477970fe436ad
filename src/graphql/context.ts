/**
 * The per-request context: fresh DataLoaders (their per-request memo must not outlive a request), the
 * shared services, the request's statement recorder and its cache bookkeeping (the data version its
 * cache keys carry, and its hit/miss tally for Server-Timing).
 */
import type { Cache, DefaultNamespace, RequestCaching } from '../cache/index.js';
import type { StatementRecorder } from '../db/statement-recorder.js';
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

export function createContext(services: Services, cache: Cache<DefaultNamespace>, recorder: StatementRecorder, caching: RequestCaching, requestId: string): GraphQLContext {
  const { stores } = services;
  const namespaces = cache.namespaces;
  return {
    requestId,
    services,
    recorder,
    caching,
    response: { hasErrors: false, operationName: null },
    loaders: {
      ...createStockLoaders(stores.stocks, namespaces, caching),
      ...createSectorLoaders(stores.sectors, namespaces.aggregation, caching),
      chart: createChartLoader(stores.charts, namespaces.chart, caching),
      search: createSearchLoader(services.searchIndex, namespaces.search, caching),
    },
  };
}
