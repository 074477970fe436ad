/**
 * The stocks columns under the names of StockRow, for raw statements that return whole stock rows.
 */
export const STOCK_COLUMNS_SQL = `symbol, name, exchange, sector, industry, currency,
  shares_outstanding AS sharesOutstanding, price, change, change_percent AS changePercent, open, high, low,
  previous_close AS previousClose, volume, market_cap AS marketCap, quote_updated_at AS quoteUpdatedAt`;
