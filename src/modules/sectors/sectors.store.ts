/**
 * Sector aggregates: computed by SQLite (never in JavaScript), kept per sector in sector_stats.
 */
import type Database from 'better-sqlite3';

export interface SectorStatsRow {
  sector: string;
  stockCount: number;
  totalMarketCap: number;
  averageChangePercent: number;
  advancers: number;
  decliners: number;
  unchanged: number;
  topGainerSymbol: string | null;
  topLoserSymbol: string | null;
}

export interface SectorStore {
  /** Stats of every sector with stocks, largest total market cap first. */
  findAll(): Promise<SectorStatsRow[]>;
  /** Stats of the given (canonical) sectors; sectors without stocks are absent. */
  findBySectors(sectors: readonly string[]): Promise<SectorStatsRow[]>;
}

// The rows of sector_stats, which triggers keep equal to the GROUP BY of each sector's stocks in every
// writing transaction (migration 0004, src/db/schema.ts): a cold request reads one row per sector.
const columns = `
  sector AS sector,
  stock_count AS stockCount,
  total_market_cap AS totalMarketCap,
  average_change_percent AS averageChangePercent,
  advancers AS advancers,
  decliners AS decliners,
  unchanged AS unchanged,
  top_gainer_symbol AS topGainerSymbol,
  top_loser_symbol AS topLoserSymbol`;

/** The statements, exported for query-plan tests. */
export const SECTOR_STATS_SQL = {
  all: `/* allSectorStats */ SELECT ${columns} FROM sector_stats ORDER BY totalMarketCap DESC`,
  bySectors: `/* sectorStatsBySector */ SELECT ${columns} FROM sector_stats WHERE sector IN (SELECT value FROM json_each(?))`,
};

export function createSectorStore(sqlite: Database.Database): SectorStore {
  const all = sqlite.prepare<[], SectorStatsRow>(SECTOR_STATS_SQL.all);
  const some = sqlite.prepare<[string], SectorStatsRow>(SECTOR_STATS_SQL.bySectors);
  return {
    async findAll() {
      return all.all();
    },
    async findBySectors(sectors) {
      return sectors.length === 0 ? [] : some.all(JSON.stringify(sectors));
    },
  };
}
