/**
 * The orders a stock list can take: which column, which direction, and how a row's sort value is read
 * back for its cursor. Ties are broken by symbol in the same direction, so one index (column, symbol)
 * serves an order both ways and keyset pagination is a single row-value comparison.
 */
import type { StockRow } from '../../db/schema.js';

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
  /**
   * The sort expression as SQL text over the stocks table (for SYMBOL_ASC, the symbol itself: no
   * tie-break needed). Written exactly as the matching index is defined (`name COLLATE NOCASE`), so
   * SQLite walks that index instead of sorting.
   */
  expression: string;
  direction: 'asc' | 'desc';
  /** The row field a cursor records (a list reading only some fields reads this one when it shows cursors). */
  field: 'symbol' | 'name' | 'price' | 'changePercent' | 'volume' | 'marketCap';
  /** The value a cursor records for `row`. */
  valueOf(row: StockRow): string | number;
  /** Whether cursor values are strings or numbers (checked when a cursor comes back). */
  valueType: 'string' | 'number';
}

const numeric = (column: string, direction: 'asc' | 'desc', field: 'price' | 'changePercent' | 'volume' | 'marketCap'): StockOrderSpec => ({
  expression: column,
  direction,
  field,
  valueOf: (row) => row[field],
  valueType: 'number',
});

export const STOCK_ORDER_SPECS: Record<StockOrderKey, StockOrderSpec> = {
  SYMBOL_ASC: { expression: 'symbol', direction: 'asc', field: 'symbol', valueOf: (r) => r.symbol, valueType: 'string' },
  NAME_ASC: { expression: 'name COLLATE NOCASE', direction: 'asc', field: 'name', valueOf: (r) => r.name, valueType: 'string' },
  PRICE_ASC: numeric('price', 'asc', 'price'),
  PRICE_DESC: numeric('price', 'desc', 'price'),
  CHANGE_PERCENT_ASC: numeric('change_percent', 'asc', 'changePercent'),
  CHANGE_PERCENT_DESC: numeric('change_percent', 'desc', 'changePercent'),
  VOLUME_DESC: numeric('volume', 'desc', 'volume'),
  MARKET_CAP_ASC: numeric('market_cap', 'asc', 'marketCap'),
  MARKET_CAP_DESC: numeric('market_cap', 'desc', 'marketCap'),
};
