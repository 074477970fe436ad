/**
 * Sector statistics: all sectors, one by name (case-insensitive GICS names), or a stock's own.
 *
 * A list of stocks that shows `sectorStats` loads its rows' sectors once, before the rows resolve
 * (`preloadFor`), so each row's `sectorStats` is a plain value. Through the loader alone every row would
 * still share one batch, but each would resolve through promises of its own: for a page of 100 stocks that
 * cost about a third of the whole request, more than the statement itself.
 */
import type { SectorLoaders, SectorStatsLoader } from './loaders.js';
import type { SectorStatsRow } from './sectors.store.js';
import { canonicalSector } from './gics.js';

export function createSectorsService() {
  return {
    async allSectors(loaders: SectorLoaders): Promise<SectorStatsRow[]> {
      const rows = await loaders.allSectors.load('all');
      for (const row of rows) {
        loaders.sectorStats.prime(row.sector, row);
        loaders.settledSectorStats.set(row.sector, row);
      }
      return rows;
    },

    /** Null for a name that is not a GICS sector, or a sector without stocks. */
    async sectorByName(loader: SectorStatsLoader, name: string): Promise<SectorStatsRow | null> {
      const sector = canonicalSector(name);
      return sector ? loader.load(sector) : null;
    },

    /** A value when this request already loaded the sector (see preloadFor), else the loader's promise. */
    sectorOfStock(loaders: SectorLoaders, sector: string | null): SectorStatsRow | null | Promise<SectorStatsRow | null> {
      if (!sector) return null;
      const settled = loaders.settledSectorStats.get(sector);
      return settled !== undefined ? settled : loaders.sectorStats.load(sector);
    },

    /**
     * Loads the stats of the rows' sectors (one batch, through the cache like any load) and returns the
     * rows. A sector whose load fails is left unsettled: its rows' fields then load it themselves and
     * each reports the error where it would have without the preload.
     */
    async preloadFor<Row extends { sector: string | null }>(loaders: SectorLoaders, rows: Row[]): Promise<Row[]> {
      const sectors = new Set<string>();
      for (const row of rows) if (row.sector && !loaders.settledSectorStats.has(row.sector)) sectors.add(row.sector);
      if (sectors.size === 0) return rows;
      const keys = [...sectors];
      const values = await loaders.sectorStats.loadMany(keys);
      values.forEach((value, index) => {
        if (!(value instanceof Error)) loaders.settledSectorStats.set(keys[index]!, value);
      });
      return rows;
    },
  };
}

export type SectorsService = ReturnType<typeof createSectorsService>;
