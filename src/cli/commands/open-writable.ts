/**
 * Opens (creating if needed) and migrates the database for a CLI command that writes.
 */
import { openDatabase, type DatabaseHandle } from '../../db/connection.js';
import { applyMigrations } from '../../db/migrate.js';
import { createMarketStore, type MarketStore } from '../../modules/market/market.store.js';

export function openMarket(path: string): { database: DatabaseHandle; store: MarketStore } {
  const database = openDatabase(path);
  try {
    applyMigrations(database);
  } catch (error) {
    database.close();
    throw error;
  }
  return { database, store: createMarketStore(database.sqlite) };
}
