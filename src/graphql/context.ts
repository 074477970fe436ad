/**
 * The per-request context: fresh DataLoaders (their caches must not outlive a request, or one client
 * would see another's reads after an update), the shared services, and the request's statement recorder.
 */
import type { StatementRecorder } from '../db/statement-recorder.js';
import { createChartLoader, type ChartLoader } from '../modules/charts/loaders.js';
import { createSectorStatsLoader, type SectorStatsLoader } from '../modules/sectors/loaders.js';
import { createStockLoader, type StockLoader } from '../modules/stocks/loaders.js';
import type { Services } from '../services.js';

export interface Loaders {
  stock: StockLoader;
  sectorStats: SectorStatsLoader;
  chart: ChartLoader;
}

export interface GraphQLContext {
  services: Services;
  loaders: Loaders;
  recorder: StatementRecorder;
}

export function createContext(services: Services, recorder: StatementRecorder): GraphQLContext {
  return {
    services,
    recorder,
    loaders: {
      stock: createStockLoader(services.stores.stocks),
      sectorStats: createSectorStatsLoader(services.stores.sectors),
      chart: createChartLoader(services.stores.charts),
    },
  };
}
