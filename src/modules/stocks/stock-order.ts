/**
 * The orders a stock list can take: which column, which direction, and how a row's sort value is read
 * back for its cursor. Ties are broken by symbol in the same direction, so one index (column, symbol)
 * serves an order both ways and keyset pagination is a single row-value comparison.
 */
import { sql, type SQL } from 'drizzle-orm';
import { stocks, type StockRow } from '../../db/schema.js';

export const STOCK_ORDERS = [
  'SYMBOL_ASC',
  'NAME_ASC',
  'PRICE_ASC',
  'PRICE_DESC',
  'CHANGE_PERCENT_ASC',
  'CHANGE_PERCENT_DESC',
  'VOLUME_DESC',
  'MARKET_CAP_ASC',
  'MARKET_CAP_DESC',
] as const;
export type StockOrderKey = (typeof STOCK_ORDERS)[number];

export interface StockOrderSpec {
  /** The sort expression (for SYMBOL_ASC, the symbol itself: no tie-break needed). */
  expression: SQL;
  direction: 'asc' | 'desc';
  /** The value a cursor records for `row`. */
  valueOf(row: StockRow): string | number;
  /** Whether cursor values are strings or numbers (checked when a cursor comes back). */
  valueType: 'string' | 'number';
}

const numeric = (column: SQL, direction: 'asc' | 'desc', valueOf: (row: StockRow) => number): StockOrderSpec => ({
  expression: column,
  direction,
  valueOf,
  valueType: 'number',
});

export const STOCK_ORDER_SPECS: Record<StockOrderKey, StockOrderSpec> = {
  SYMBOL_ASC: { expression: sql`${stocks.symbol}`, direction: 'asc', valueOf: (r) => r.symbol, valueType: 'string' },
  NAME_ASC: { expression: sql`${stocks.name} COLLATE NOCASE`, direction: 'asc', valueOf: (r) => r.name, valueType: 'string' },
  PRICE_ASC: numeric(sql`${stocks.price}`, 'asc', (r) => r.price),
  PRICE_DESC: numeric(sql`${stocks.price}`, 'desc', (r) => r.price),
  CHANGE_PERCENT_ASC: numeric(sql`${stocks.changePercent}`, 'asc', (r) => r.changePercent),
  CHANGE_PERCENT_DESC: numeric(sql`${stocks.changePercent}`, 'desc', (r) => r.changePercent),
  VOLUME_DESC: numeric(sql`${stocks.volume}`, 'desc', (r) => r.volume),
  MARKET_CAP_ASC: numeric(sql`${stocks.marketCap}`, 'asc', (r) => r.marketCap),
  MARKET_CAP_DESC: numeric(sql`${stocks.marketCap}`, 'desc', (r) => r.marketCap),
};
