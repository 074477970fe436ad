/**
 * How a whole stock row is read: the column list every such statement selects, and the mapper that turns
 * one `.raw()` row of it into a StockRow.
 *
 * Why raw arrays and a hand-written mapper: better-sqlite3 builds an object row by setting each named
 * property through the V8 API (slower than its arrays), and Drizzle maps every value again through its
 * column decoders. An object literal built in JavaScript from an array is the cheapest row we can get:
 * measured on a page of 101 stocks, about 1.8× faster than Drizzle's mapping and 2.2× faster than
 * better-sqlite3's object rows. No decoding is lost: every stocks column is text, real or a plain integer
 * (unix milliseconds), which better-sqlite3 already returns as strings, numbers and null.
 */
import type { StockRow } from '../../db/schema.js';
import { STOCK_FIELD_COLUMNS, type StockField } from './stock-fields.js';

/** The stocks columns in the order `toStockRow` reads them (unqualified: every statement reads one table). */
export const STOCK_ROW_COLUMNS = `symbol, name, exchange, sector, industry, currency, shares_outstanding, price, change,
  change_percent, open, high, low, previous_close, volume, market_cap, quote_updated_at`;

/**
 * One raw row of STOCK_ROW_COLUMNS as a StockRow, with its keys in the schema's order (the order Drizzle's
 * rows had, so cached and serialized rows read the same).
 */
export function toStockRow(r: unknown[]): StockRow {
  return {
    symbol: r[0] as string,
    name: r[1] as string,
    exchange: r[2] as string | null,
    sector: r[3] as string | null,
    industry: r[4] as string | null,
    currency: r[5] as string,
    sharesOutstanding: r[6] as number,
    price: r[7] as number,
    change: r[8] as number,
    changePercent: r[9] as number,
    open: r[10] as number | null,
    high: r[11] as number | null,
    low: r[12] as number | null,
    previousClose: r[13] as number | null,
    volume: r[14] as number,
    marketCap: r[15] as number,
    quoteUpdatedAt: r[16] as number,
  };
}

/** Every raw row as a StockRow (a counted loop: this runs for every row of every list). */
export function toStockRows(rows: unknown[][]): StockRow[] {
  const out = new Array<StockRow>(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = toStockRow(rows[i]!);
  return out;
}

/**
 * A row read in part (stock-fields.ts): `fields`, in the order the statement selects them, from each raw
 * row. The fields not read are absent, which is why such rows are never primed into the stock loader.
 */
export function toPartialStockRows(rows: unknown[][], fields: readonly StockField[]): StockRow[] {
  const out = new Array<StockRow>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const row: Partial<Record<StockField, unknown>> = {};
    for (let f = 0; f < fields.length; f++) row[fields[f]!] = r[f];
    out[i] = row as StockRow;
  }
  return out;
}

/** The SELECT list of `fields` (all of STOCK_ROW_COLUMNS when null). */
export function stockColumnsOf(fields: readonly StockField[] | null): string {
  return fields === null ? STOCK_ROW_COLUMNS : fields.map((field) => STOCK_FIELD_COLUMNS[field]).join(', ');
}
