/**
 * The current rows of a few stocks, read synchronously, for the search index holder to patch its rows the
 * moment their quotes commit (so a quote-filtered search never filters on an old price).
 *
 * Prepared through the driver's own prepare, not the connection's instrumented one (src/db/connection.ts):
 * this runs as bookkeeping inside whichever request first sees the commit, and is not that request's read.
 */
import Database from 'better-sqlite3';
import type { StockRow } from '../../db/schema.js';
import { STOCK_ROW_COLUMNS, toStockRows } from '../stocks/stock-columns.js';

export type ReadStockRows = (symbols: readonly string[]) => StockRow[];

export function createSearchRowsReader(sqlite: Database.Database): ReadStockRows {
  const statement = (Database.prototype.prepare.call(
    sqlite,
    `SELECT ${STOCK_ROW_COLUMNS} FROM stocks WHERE symbol IN (SELECT value FROM json_each(?))`,
  ) as Database.Statement<[string], unknown[]>).raw();
  return (symbols) => (symbols.length === 0 ? [] : toStockRows(statement.all(JSON.stringify(symbols))));
}
