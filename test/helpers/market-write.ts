/**
 * Commits a new quote for one stock through the market store on a connection of its own, as an ingest
 * or import in another process would: the way tests change data under a running server.
 */
import { openDatabase } from '../../src/db/connection.js';
import { createMarketStore } from '../../src/modules/market/market.store.js';
import { createStockStore } from '../../src/modules/stocks/stocks.store.js';

export async function writeQuotePrice(databasePath: string, symbol: string, price: number): Promise<void> {
  const database = openDatabase(databasePath);
  try {
    const [row] = await createStockStore(database.db).findBySymbols([symbol]);
    if (!row) throw new Error(`no stock ${symbol} in ${databasePath}`);
    const { name, exchange, sector, industry, currency } = row;
    const change = price - (row.previousClose ?? price);
    await createMarketStore(database.sqlite).write([
      {
        facts: { symbol, name, exchange, sector, industry, currency },
        quote: {
          sharesOutstanding: row.sharesOutstanding,
          price,
          change,
          changePercent: row.previousClose ? (change / row.previousClose) * 100 : 0,
          open: row.open,
          high: Math.max(row.high ?? price, price),
          low: Math.min(row.low ?? price, price),
          previousClose: row.previousClose,
          volume: row.volume,
          marketCap: price * row.sharesOutstanding,
          updatedAt: Date.now(),
        },
        bars: [],
      },
    ]);
  } finally {
    database.close();
  }
}
