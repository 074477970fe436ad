/**
 * Database figures for Query.metrics: row counts from SQLite, file sizes from the file system.
 */
import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';

export interface DatabaseStats {
  stockCount: number;
  barCount: number;
  databaseBytes: number;
  dataUpdatedAt: string | null;
}

export interface MetricsStore {
  databaseStats(): Promise<DatabaseStats>;
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

export function createMetricsStore(sqlite: Database.Database, path: string): MetricsStore {
  // One statement: bar_count is kept in meta by writers, as counting a million bars per request would not be cheap.
  const stats = sqlite.prepare<[], { stockCount: number; barCount: string | null; dataUpdatedAt: string | null }>(`/* databaseStats */
    SELECT (SELECT count(*) FROM stocks) AS stockCount,
           (SELECT value FROM meta WHERE key = 'bar_count') AS barCount,
           (SELECT value FROM meta WHERE key = 'data_updated_at') AS dataUpdatedAt`);
  return {
    async databaseStats() {
      const row = stats.get()!;
      return {
        stockCount: row.stockCount,
        barCount: Number(row.barCount ?? 0),
        databaseBytes: path === ':memory:' ? 0 : fileSize(path) + fileSize(`${path}-wal`),
        dataUpdatedAt: row.dataUpdatedAt,
      };
    },
  };
}
