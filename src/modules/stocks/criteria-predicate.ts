/**
 * StockCriteria as an in-memory predicate, for results that are ranked outside SQL (search).
 * Same meaning as the SQL conditions in stocks.store.ts: every present criterion must hold.
 */
import type { StockRow } from '../../db/schema.js';
import type { StockCriteria } from './stocks.store.js';

export function matchesCriteria(row: StockRow, c: StockCriteria): boolean {
  const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();
  if (c.sector != null && row.sector !== c.sector) return false;
  if (c.industry != null && !same(row.industry, c.industry)) return false;
  if (c.exchange != null && !same(row.exchange, c.exchange)) return false;
  if (c.minPrice != null && row.price < c.minPrice) return false;
  if (c.maxPrice != null && row.price > c.maxPrice) return false;
  if (c.minChangePercent != null && row.changePercent < c.minChangePercent) return false;
  if (c.maxChangePercent != null && row.changePercent > c.maxChangePercent) return false;
  if (c.minMarketCap != null && row.marketCap < c.minMarketCap) return false;
  if (c.maxMarketCap != null && row.marketCap > c.maxMarketCap) return false;
  if (c.symbols != null && !c.symbols.includes(row.symbol)) return false;
  return true;
}
