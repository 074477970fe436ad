/**
 * Per-request loader for sector stats: all `sectorStats` fields of one request share one GROUP BY.
 */
import DataLoader from 'dataloader';
import type { SectorStatsRow, SectorStore } from './sectors.store.js';

export type SectorStatsLoader = DataLoader<string, SectorStatsRow | null>;

export function createSectorStatsLoader(store: SectorStore): SectorStatsLoader {
  return new DataLoader<string, SectorStatsRow | null>(async (sectors) => {
    const rows = await store.findBySectors(sectors);
    const bySector = new Map(rows.map((row) => [row.sector, row]));
    return sectors.map((sector) => bySector.get(sector) ?? null);
  });
}
