/**
 * sector_stats is kept by triggers in every writing transaction (migration 0004). These writes go through
 * plain SQL on the file, as a writer that knows nothing of stockql would, and after each one the kept rows
 * must equal the aggregate of the stocks table computed afresh, to the last bit of every float.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server.js';

const AGGREGATE = `
  SELECT s.sector AS sector, count(*) AS stockCount, total(s.market_cap) AS totalMarketCap,
    coalesce(avg(s.change_percent), 0) AS averageChangePercent,
    sum(s.change > 0) AS advancers, sum(s.change < 0) AS decliners, sum(s.change = 0) AS unchanged,
    (SELECT g.symbol FROM stocks g WHERE g.sector = s.sector ORDER BY g.change_percent DESC, g.symbol DESC LIMIT 1) AS topGainerSymbol,
    (SELECT l.symbol FROM stocks l WHERE l.sector = s.sector ORDER BY l.change_percent ASC, l.symbol ASC LIMIT 1) AS topLoserSymbol
  FROM stocks s INDEXED BY stocks_sector_stats_idx WHERE s.sector IS NOT NULL GROUP BY s.sector ORDER BY s.sector`;

const KEPT = `
  SELECT sector, stock_count AS stockCount, total_market_cap AS totalMarketCap, average_change_percent AS averageChangePercent,
    advancers, decliners, unchanged, top_gainer_symbol AS topGainerSymbol, top_loser_symbol AS topLoserSymbol
  FROM sector_stats ORDER BY sector`;

let server: TestServer;
let sqlite: Database.Database;
beforeAll(async () => {
  server = await startServer();
  sqlite = server.app.database.sqlite;
});
afterAll(() => server.close());

const kept = () => sqlite.prepare(KEPT).all();
const fresh = () => sqlite.prepare(AGGREGATE).all();

describe('sector_stats, kept by triggers', () => {
  it('matches the aggregate of the seeded market', () => {
    const rows = kept();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows).toEqual(fresh());
  });

  it.each([
    ['a quote moves', `UPDATE stocks SET change = change + 3, change_percent = change_percent + 1.25, market_cap = market_cap * 1.01 WHERE symbol = 'AAPL'`],
    ['a quote moves to unchanged', `UPDATE stocks SET change = 0, change_percent = 0 WHERE symbol = 'MSFT'`],
    ['a stock becomes its sector top gainer', `UPDATE stocks SET change = 50, change_percent = 99 WHERE symbol = 'XOM'`],
    ['a stock moves between sectors', `UPDATE stocks SET sector = 'Utilities' WHERE symbol = 'NVDA'`],
    ['a stock loses its sector', `UPDATE stocks SET sector = NULL WHERE symbol = 'JPM'`],
    ['a stock in a new sector is listed', `INSERT INTO stocks (symbol, name, sector, shares_outstanding, price, change, change_percent, volume, market_cap, quote_updated_at)
       VALUES ('ZZNEW', 'New Sector Co', 'Zeta Sector', 1000, 10, 1, 11.1, 5, 10000, 1)`],
    ['the last stock of a sector is delisted', `DELETE FROM stocks WHERE symbol = 'ZZNEW'`],
    ['a whole sector changes at once', `UPDATE stocks SET change_percent = -change_percent, change = -change WHERE sector = 'Energy'`],
  ])('stays equal to the aggregate when %s', (_, sql) => {
    const before = kept();
    sqlite.exec(sql);
    expect(kept()).toEqual(fresh());
    expect(kept()).not.toEqual(before);
  });

  it('a write that changes none of the aggregated columns leaves the rows as they were', () => {
    const before = kept();
    sqlite.exec(`UPDATE stocks SET name = name || ' Inc', volume = volume + 1 WHERE symbol = 'AAPL'`);
    expect(kept()).toEqual(before);
  });

  it('a rolled-back write leaves no trace', () => {
    const before = kept();
    expect(() =>
      sqlite.transaction(() => {
        sqlite.exec(`UPDATE stocks SET change_percent = 500 WHERE symbol = 'AAPL'`);
        throw new Error('provider failed half-way');
      })(),
    ).toThrow('half-way');
    expect(kept()).toEqual(before);
  });

  it('is what the API serves for sectors', async () => {
    sqlite.exec(`UPDATE stocks SET change = 7, change_percent = 42.5 WHERE symbol = 'AAPL'`);
    const { body } = await server.query('{ sectors { sector stockCount averageChangePercent topGainer { symbol } } }');
    const bySector = new Map((fresh() as { sector: string; stockCount: number; averageChangePercent: number; topGainerSymbol: string }[]).map((row) => [row.sector, row]));
    expect(body.errors).toBeUndefined();
    for (const served of body.data.sectors) {
      const row = bySector.get(served.sector)!;
      expect(served).toEqual({ sector: row.sector, stockCount: row.stockCount, averageChangePercent: row.averageChangePercent, topGainer: { symbol: row.topGainerSymbol } });
    }
    expect(body.data.sectors.find((s: { sector: string }) => s.sector === 'Information Technology').topGainer.symbol).toBe('AAPL');
  });
});
