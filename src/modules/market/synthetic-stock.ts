/**
 * A listing plus its deterministic synthetic history, in the shape the market store writes.
 * Shared by seeding (the embedded market) and import (rows that bring no price history).
 */
import type { TradingSession } from './calendar/index.js';
import type { ListingRow } from './import/parse-listings-csv.js';
import type { ListingFacts, StockWrite } from './market.store.js';
import { generateHistory } from './synthetic/generate-history.js';
import { roundQuote, roundSeriesPrices } from './synthetic/round-prices.js';

export function listingFacts(row: ListingRow): ListingFacts {
  return { symbol: row.symbol, name: row.name, exchange: row.exchange, sector: row.sector, industry: row.industry, currency: row.currency };
}

export function syntheticStock(row: ListingRow, seed: number, lastSession: TradingSession): StockWrite {
  const history = generateHistory({ symbol: row.symbol, sector: row.sector, price: row.price, marketCap: row.marketCap }, { seed, lastSession });
  for (const series of history.series) roundSeriesPrices(series);
  return {
    facts: listingFacts(row),
    quote: { ...roundQuote(history.quote, history.sharesOutstanding), sharesOutstanding: history.sharesOutstanding },
    bars: history.series,
  };
}
