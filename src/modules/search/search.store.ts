/**
 * What the search index is built from: every listed stock, in one statement.
 */
import type Database from 'better-sqlite3';
import type { StockRow } from '../../db/schema.js';
import { STOCK_COLUMNS_SQL } from '../stocks/stock-columns.js';

export interface SearchStore {
  /** Every stock, by symbol, and the data version they belong to (read in one snapshot). */
  loadDocuments(): Promise<{ rows: StockRow[]; dataVersion: number }>;
}

export function createSearchStore(sqlite: Database.Database): SearchStore {
  const rows = sqlite.prepare<[], StockRow>(`/* searchDocuments */ SELECT ${STOCK_COLUMNS_SQL} FROM stocks ORDER BY symbol`);
  const version = sqlite.prepare<[], string>(`/* searchDataVersion */ SELECT value FROM meta WHERE key = 'data_version'`).pluck();
  // Both reads in one transaction, so the version names exactly the rows read.
  const snapshot = sqlite.transaction(() => ({ rows: rows.all(), dataVersion: Number(version.get() ?? 0) }));
  return {
    async loadDocuments() {
      return snapshot.deferred();
    },
  };
}
