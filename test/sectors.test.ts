import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let allStocks: { symbol: string; sector: string | null; quote: { change: number; changePercent: number; marketCap: number } }[];
beforeAll(async () => {
  server = await startServer();
  allStocks = dataOf(await server.query(`{ stocks(first: 500) { nodes { symbol sector quote { change changePercent marketCap } } } }`)).stocks.nodes;
  const rest = dataOf(await server.query(`{ stocks(first: 500, orderBy: MARKET_CAP_ASC) { nodes { symbol sector quote { change changePercent marketCap } } } }`)).stocks.nodes;
  const seen = new Set(allStocks.map((s) => s.symbol));
  allStocks.push(...rest.filter((s: any) => !seen.has(s.symbol)));
});
afterAll(() => server.close());

const statsFields = `sector stockCount totalMarketCap averageChangePercent advancers decliners unchanged topGainer { symbol } topLoser { symbol }`;

describe('sector statistics', () => {
  it('covers all 11 GICS sectors, largest total market cap first', async () => {
    const { sectors } = dataOf(await server.query(`{ sectors { ${statsFields} } }`));
    expect(sectors).toHaveLength(11);
    const caps = sectors.map((s: any) => s.totalMarketCap);
    expect(caps).toEqual([...caps].sort((a, b) => b - a));
  });

  it('agrees with the stocks themselves: counts, sums, averages, breadth and extremes', async () => {
    const { sectors } = dataOf(await server.query(`{ sectors { ${statsFields} } }`));
    for (const stats of sectors) {
      const members = allStocks.filter((s) => s.sector === stats.sector);
      expect(stats.stockCount).toBe(members.length);
      expect(stats.totalMarketCap).toBeCloseTo(members.reduce((sum, s) => sum + s.quote.marketCap, 0), -3);
      expect(stats.averageChangePercent).toBeCloseTo(members.reduce((sum, s) => sum + s.quote.changePercent, 0) / members.length, 9);
      expect(stats.advancers).toBe(members.filter((s) => s.quote.change > 0).length);
      expect(stats.decliners).toBe(members.filter((s) => s.quote.change < 0).length);
      expect(stats.advancers + stats.decliners + stats.unchanged).toBe(stats.stockCount);
      const best = Math.max(...members.map((s) => s.quote.changePercent));
      const worst = Math.min(...members.map((s) => s.quote.changePercent));
      expect(members.find((s) => s.symbol === stats.topGainer.symbol)!.quote.changePercent).toBe(best);
      expect(members.find((s) => s.symbol === stats.topLoser.symbol)!.quote.changePercent).toBe(worst);
    }
  });

  it('finds one sector by name in any case, and answers null for a name that is no sector', async () => {
    const data = dataOf(await server.query(`{ a: sector(name: "health care") { sector stockCount } b: sector(name: "Crypto") { sector } }`));
    expect(data.a.sector).toBe('Health Care');
    expect(data.a.stockCount).toBe(allStocks.filter((s) => s.sector === 'Health Care').length);
    expect(data.b).toBeNull();
  });

  it("gives a stock its own sector's statistics", async () => {
    const { stock } = dataOf(await server.query(`{ stock(symbol: "XOM") { sector sectorStats { sector stockCount } } }`));
    expect(stock.sectorStats.sector).toBe(stock.sector);
  });

  it('pages through the stocks of a sector', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { sector }: { sector: any } = dataOf(await server.query(`query($a: String) { sector(name: "Utilities") { stockCount stocks(first: 7, after: $a, orderBy: SYMBOL_ASC) { totalCount pageInfo { hasNextPage endCursor } nodes { symbol sector } } } }`, { a: after }));
      expect(sector.stocks.totalCount).toBe(sector.stockCount);
      seen.push(...sector.stocks.nodes.map((n: any) => n.symbol));
      expect(sector.stocks.nodes.every((n: any) => n.sector === 'Utilities')).toBe(true);
      if (!sector.stocks.pageInfo.hasNextPage) break;
      after = sector.stocks.pageInfo.endCursor;
    }
    expect(seen).toEqual([...seen].sort());
    expect(seen.length).toBe(allStocks.filter((s) => s.sector === 'Utilities').length);
  });
});
