/**
 * Sector aggregates, computed by SQLite with GROUP BY over the sector indexes (never in JavaScript).
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

// One pass over the covering stocks_sector_stats_idx (sector, change_percent, symbol, market_cap, change): the
// aggregates never touch the table, and the top gainer/loser subqueries walk the same index from either end.
const columns = `
  s.sector AS sector,
  count(*) AS stockCount,
  total(s.market_cap) AS totalMarketCap,
  coalesce(avg(s.change_percent), 0) AS averageChangePercent,
  sum(s.change > 0) AS advancers,
  sum(s.change < 0) AS decliners,
  sum(s.change = 0) AS unchanged,
  (SELECT g.symbol FROM stocks g WHERE g.sector = s.sector ORDER BY g.change_percent DESC, g.symbol DESC LIMIT 1) AS topGainerSymbol,
  (SELECT l.symbol FROM stocks l WHERE l.sector = s.sector ORDER BY l.change_percent ASC, l.symbol ASC LIMIT 1) AS topLoserSymbol`;

/** The statements, exported for query-plan tests. */
export const SECTOR_STATS_SQL = {
  all: `/* allSectorStats */ SELECT ${columns} FROM stocks s WHERE s.sector IS NOT NULL GROUP BY s.sector ORDER BY totalMarketCap DESC`,
  bySectors: `/* sectorStatsBySector */ SELECT ${columns} FROM stocks s WHERE s.sector IN (SELECT value FROM json_each(?)) GROUP BY s.sector`,
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
