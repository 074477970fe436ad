/**
 * Sector statistics: all sectors, one by name (case-insensitive GICS names), or a stock's own.
 */
import type { SectorLoaders, SectorStatsLoader } from './loaders.js';
import type { SectorStatsRow } from './sectors.store.js';
import { canonicalSector } from './gics.js';

export function createSectorsService() {
  return {
    async allSectors(loaders: SectorLoaders): Promise<SectorStatsRow[]> {
      const rows = await loaders.allSectors.load('all');
      for (const row of rows) loaders.sectorStats.prime(row.sector, row);
      return rows;
    },

    /** Null for a name that is not a GICS sector, or a sector without stocks. */
    async sectorByName(loader: SectorStatsLoader, name: string): Promise<SectorStatsRow | null> {
      const sector = canonicalSector(name);
      return sector ? loader.load(sector) : null;
    },

    async sectorOfStock(loader: SectorStatsLoader, sector: string | null): Promise<SectorStatsRow | null> {
      return sector ? loader.load(sector) : null;
    },
  };
}

export type SectorsService = ReturnType<typeof createSectorsService>;
