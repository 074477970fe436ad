/**
 * Builds every store and service over one open database: the composition of the data layer.
 */
import type { DatabaseHandle } from './db/connection.js';
import { DataVersions } from './db/data-versions.js';
import { createChartStore } from './modules/charts/charts.store.js';
import { createChartsService } from './modules/charts/charts.service.js';
import { createIngestStore } from './modules/market/ingest/ingest.store.js';
import { createMarketStore } from './modules/market/market.store.js';
import { createMetricsService, type CacheMetricsSource, type RequestCounters } from './modules/metrics/metrics.service.js';
import { createMetricsStore } from './modules/metrics/metrics.store.js';
import { createSearchService } from './modules/search/search.service.js';
import type { OperationStats } from './observability/operation-stats.js';
import type { VersionReader } from './cache/index.js';
import { SearchIndexHolder } from './modules/search/search-index-holder.js';
import { createSearchRowsReader } from './modules/search/search-rows.store.js';
import { createSearchStore } from './modules/search/search.store.js';
import type { Logger } from './logger.js';
import { createSectorStore } from './modules/sectors/sectors.store.js';
import { createSectorsService } from './modules/sectors/sectors.service.js';
import { createStockStore } from './modules/stocks/stocks.store.js';
import { createStocksService } from './modules/stocks/stocks.service.js';

export function createServices(database: DatabaseHandle, counters: RequestCounters, logger: Logger, cacheMetrics: CacheMetricsSource, operations: OperationStats) {
  const dataVersions = new DataVersions(database.sqlite);
  const stores = {
    stocks: createStockStore(database.db),
    sectors: createSectorStore(database.sqlite),
    charts: createChartStore(database.sqlite),
    search: createSearchStore(database.sqlite),
    market: createMarketStore(database.sqlite, { onCommit: () => dataVersions.invalidate() }),
    ingest: createIngestStore(database.sqlite),
    metrics: createMetricsStore(database.sqlite, database.path),
  };
  const searchIndex = new SearchIndexHolder({ store: stores.search, readRows: createSearchRowsReader(database.sqlite), changes: dataVersions, logger });
  return {
    stores,
    /** The versions of every piece of data as of the last commit, by tag (src/db/data-versions.ts). */
    dataVersions,
    /** What cache entries are judged by (the cache layer's VersionReader). */
    versions: dataVersions as VersionReader,
    searchIndex,
    stocks: createStocksService(),
    sectors: createSectorsService(),
    charts: createChartsService(),
    search: createSearchService(),
    metrics: createMetricsService(stores.metrics, counters, () => dataVersions.clock, cacheMetrics, operations),
  };
}

export type Services = ReturnType<typeof createServices>;
