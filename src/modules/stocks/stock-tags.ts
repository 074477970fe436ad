/**
 * Which data each stock read depends on, as data tags (src/db/data-versions.ts): the narrowest set whose
 * change can change the answer, so a price tick on one stock retires only what could contain it.
 */
import { dataTags } from '../../db/data-versions.js';
import type { StockCriteria } from './stocks.store.js';

/** Criteria on quote fields: their matches move with every price tick, not only with the listings. */
export function hasQuoteCriteria(c: StockCriteria): boolean {
  return (
    c.minPrice != null || c.maxPrice != null || c.minChangePercent != null || c.maxChangePercent != null || c.minMarketCap != null || c.maxMarketCap != null
  );
}

/** Whole stock rows matching the criteria: any change to any row that could match. */
export function rowsTags(c: Pick<StockCriteria, 'symbols' | 'sector'>): readonly string[] {
  if (c.symbols != null) return c.symbols.map(dataTags.stock);
  if (c.sector != null) return [dataTags.sector(c.sector)];
  return [dataTags.anyStock];
}

/** How many stocks match: only listings can change that, unless quote fields are part of the criteria. */
export function countTags(c: StockCriteria): readonly string[] {
  return hasQuoteCriteria(c) ? rowsTags(c) : [dataTags.listings];
}
