/**
 * A simple SQL matcher for search (ticker exact/prefix, name prefix/substring). The search issue replaces
 * it with an in-memory ranked index; until then it keeps `search` useful and safe for any input.
 */
import type Database from 'better-sqlite3';
import type { StockRow } from '../../db/schema.js';
import { STOCK_COLUMNS_SQL } from '../stocks/stock-columns.js';

export interface SearchCandidate {
  row: StockRow;
  /** 0 exact ticker, 1 ticker prefix, 2 name prefix, 3 word prefix inside the name, 4 substring. */
  rank: number;
}

export interface SearchStore {
  findCandidates(query: string, limit: number): Promise<SearchCandidate[]>;
}

/** Escapes LIKE wildcards so `%` and `_` typed by a person match themselves. */
function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function createSearchStore(sqlite: Database.Database): SearchStore {
  const statement = sqlite.prepare(`/* searchCandidates */
    SELECT ${STOCK_COLUMNS_SQL},
      CASE
        WHEN symbol = @symbol THEN 0
        WHEN symbol LIKE @prefix ESCAPE '\\' THEN 1
        WHEN name LIKE @prefix ESCAPE '\\' THEN 2
        WHEN name LIKE @wordPrefix ESCAPE '\\' THEN 3
        ELSE 4
      END AS rank
    FROM stocks
    WHERE symbol = @symbol OR symbol LIKE @prefix ESCAPE '\\' OR name LIKE @contains ESCAPE '\\'
    ORDER BY rank, market_cap DESC, symbol
    LIMIT @limit`);
  return {
    async findCandidates(query, limit) {
      const literal = likeLiteral(query);
      const rows = statement.all({
        symbol: query.toUpperCase().replaceAll('-', '.'),
        prefix: `${literal}%`,
        wordPrefix: `% ${literal}%`,
        contains: `%${literal}%`,
        limit,
      }) as (StockRow & { rank: number })[];
      return rows.map(({ rank, ...row }) => ({ row, rank }));
    },
  };
}
