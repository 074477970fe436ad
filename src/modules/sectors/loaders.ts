/**
 * Per-request loaders for sector stats, reading through the cache's aggregation namespace: all
 * `sectorStats` fields of one request share one GROUP BY, and a warm request runs none.
 */
import type DataLoader from 'dataloader';
import { createCachedLoader, type NamespaceCache, type RequestCaching } from '../../cache/index.js';
import { dataTags } from '../../db/data-versions.js';
import type { SectorStatsRow, SectorStore } from './sectors.store.js';

export type SectorStatsLoader = DataLoader<string, SectorStatsRow | null, string>;

export interface SectorLoaders {
  sectorStats: SectorStatsLoader;
  /** The one key is `all`: every sector's stats, largest first. */
  allSectors: DataLoader<'all', SectorStatsRow[], string>;
  /**
   * Sector stats this request already loaded, by sector (null: a sector without stocks), so a list's
   * `sectorStats` fields resolve as plain values: a promise per row costs more than the statement (see
   * sectors.service.ts, preloadFor). Only ever filled with values `sectorStats` loaded in this request.
   */
  settledSectorStats: Map<string, SectorStatsRow | null>;
}

export function createSectorLoaders(store: SectorStore, aggregation: NamespaceCache, caching: RequestCaching): SectorLoaders {
  return {
    settledSectorStats: new Map(),
    sectorStats: createCachedLoader<string, SectorStatsRow | null>({
      namespace: aggregation,
      kind: 'sector',
      caching,
      keyOf: (sector) => sector,
      tagsOf: (sector) => [dataTags.sector(sector)],
      batch: async (sectors) => {
        const rows = await store.findBySectors(sectors);
        const bySector = new Map(rows.map((row) => [row.sector, row]));
        return sectors.map((sector) => bySector.get(sector) ?? null);
      },
    }),
    allSectors: createCachedLoader<'all', SectorStatsRow[]>({
      namespace: aggregation,
      kind: 'sectors',
      caching,
      keyOf: (key) => key,
      tagsOf: () => [dataTags.anyStock],
      batch: async (keys) => {
        const rows = await store.findAll();
        return keys.map(() => rows);
      },
    }),
  };
}
