import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('stock(symbol)', () => {
  it('finds a stock by its symbol in any case, with its listing facts and quote', async () => {
    const { stock } = dataOf(await server.query(`{ stock(symbol: "aapl") { symbol name exchange sector industry currency quote { price previousClose change changePercent marketCap updatedAt } } }`));
    expect(stock).toMatchObject({ symbol: 'AAPL', name: 'Apple Inc.', exchange: 'NASDAQ', sector: 'Information Technology', currency: 'USD' });
    expect(stock.quote.price).toBeGreaterThan(0);
    expect(stock.quote.change).toBeCloseTo(stock.quote.price - stock.quote.previousClose, 6);
    expect(stock.quote.changePercent).toBeCloseTo((stock.quote.change / stock.quote.previousClose) * 100, 6);
    expect(new Date(stock.quote.updatedAt).toISOString()).toBe(stock.quote.updatedAt);
  });

  it('treats BRK-B and brk.b as the same class share', async () => {
    const data = dataOf(await server.query(`{ a: stock(symbol: "BRK-B") { symbol name } b: stock(symbol: "brk.b") { symbol } }`));
    expect(data.a).toEqual({ symbol: 'BRK.B', name: expect.stringContaining('Berkshire') });
    expect(data.b.symbol).toBe('BRK.B');
  });

  it('serves one-letter tickers', async () => {
    const data = dataOf(await server.query(`{ f: stock(symbol: "F") { name } t: stock(symbol: "T") { name } v: stock(symbol: "V") { name } }`));
    expect(data.f.name).toMatch(/Ford/);
    expect(data.t.name).toMatch(/AT&T/);
    expect(data.v.name).toMatch(/Visa/);
  });

  it('returns null for a well-formed symbol nobody lists', async () => {
    expect(dataOf(await server.query(`{ stock(symbol: "ZZZZQ") { symbol } }`)).stock).toBeNull();
  });

  it.each(['', 'AAPL MSFT', 'TOOLONGSYMBOL1', '$AAPL', '.A', "A'; DROP TABLE stocks;--"])('refuses the malformed symbol %j with BAD_USER_INPUT', async (symbol) => {
    const result = await server.query(`query($s: ID!) { stock(symbol: $s) { symbol } }`, { s: symbol });
    const error = errorOf(result);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'symbol' });
    expect(error.message).toMatch(/not a ticker symbol/);
    expect(result.status).toBe(200);
  });
});

describe('stocks(first, after, filter, orderBy)', () => {
  const pageQuery = `query($first: Int, $after: String, $orderBy: StockOrder, $filter: StockFilter) {
    stocks(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { symbol name quote { price changePercent volume marketCap } } }
      nodes { symbol }
    } }`;

  async function walk(orderBy: string, first: number, filter?: Record<string, unknown>) {
    const symbols: string[] = [];
    const rows: any[] = [];
    let after: string | null = null;
    let total = -1;
    for (let pages = 0; pages < 100; pages++) {
      const { stocks }: { stocks: any } = dataOf(await server.query(pageQuery, { first, after, orderBy, filter }));
      total = stocks.totalCount;
      expect(stocks.nodes.map((n: any) => n.symbol)).toEqual(stocks.edges.map((e: any) => e.node.symbol));
      expect(stocks.pageInfo.hasPreviousPage).toBe(after !== null);
      for (const edge of stocks.edges) {
        symbols.push(edge.node.symbol);
        rows.push(edge.node);
      }
      if (!stocks.pageInfo.hasNextPage) break;
      expect(stocks.pageInfo.endCursor).toBe(stocks.edges.at(-1).cursor);
      after = stocks.pageInfo.endCursor;
    }
    return { symbols, rows, total };
  }

  it('orders by market cap, largest first, by default', async () => {
    const { stocks } = dataOf(await server.query(`{ stocks(first: 5) { nodes { symbol quote { marketCap } } } }`));
    const caps = stocks.nodes.map((n: any) => n.quote.marketCap);
    expect(caps).toEqual([...caps].sort((a, b) => b - a));
    expect(stocks.nodes.map((n: any) => n.symbol)).toContain('NVDA');
  });

  const orders: [string, (row: any) => number | string, 'asc' | 'desc'][] = [
    ['SYMBOL_ASC', (r) => r.symbol, 'asc'],
    ['NAME_ASC', (r) => r.name.toLowerCase(), 'asc'],
    ['PRICE_ASC', (r) => r.quote.price, 'asc'],
    ['PRICE_DESC', (r) => r.quote.price, 'desc'],
    ['CHANGE_PERCENT_ASC', (r) => r.quote.changePercent, 'asc'],
    ['CHANGE_PERCENT_DESC', (r) => r.quote.changePercent, 'desc'],
    ['VOLUME_DESC', (r) => r.quote.volume, 'desc'],
    ['MARKET_CAP_ASC', (r) => r.quote.marketCap, 'asc'],
    ['MARKET_CAP_DESC', (r) => r.quote.marketCap, 'desc'],
  ];
  it.each(orders)('pages through every stock in %s order with no gap and no repeat', async (orderBy, key, direction) => {
    const { symbols, rows, total } = await walk(orderBy, 97);
    expect(new Set(symbols).size).toBe(symbols.length);
    expect(symbols.length).toBe(total);
    expect(total).toBeGreaterThanOrEqual(500);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [key(rows[i - 1]), key(rows[i])];
      if (direction === 'asc') expect(a <= b, `${orderBy}: ${rows[i - 1].symbol} before ${rows[i].symbol}`).toBe(true);
      else expect(a >= b, `${orderBy}: ${rows[i - 1].symbol} before ${rows[i].symbol}`).toBe(true);
    }
  });

  it('filters by sector case-insensitively, and counts the matches', async () => {
    const { symbols, total } = await walk('MARKET_CAP_DESC', 10, { sector: 'energy' });
    expect(total).toBe(symbols.length);
    expect(symbols).toContain('XOM');
    const { stocks } = dataOf(await server.query(`query($s: [ID!]) { stocks(first: 500, filter: { symbols: $s }) { nodes { sector } } }`, { s: symbols }));
    expect(new Set(stocks.nodes.map((n: any) => n.sector))).toEqual(new Set(['Energy']));
  });

  it('combines price, change and market cap bounds', async () => {
    const filter = { minPrice: 50, maxPrice: 200, minChangePercent: -1, maxChangePercent: 1, minMarketCap: 2e10, maxMarketCap: 3e11 };
    const { rows, total } = await walk('PRICE_DESC', 50, filter);
    expect(total).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.quote.price).toBeGreaterThanOrEqual(50);
      expect(r.quote.price).toBeLessThanOrEqual(200);
      expect(r.quote.changePercent).toBeGreaterThanOrEqual(-1);
      expect(r.quote.changePercent).toBeLessThanOrEqual(1);
      expect(r.quote.marketCap).toBeGreaterThanOrEqual(2e10);
      expect(r.quote.marketCap).toBeLessThanOrEqual(3e11);
    }
  });

  it('filters by industry and exchange case-insensitively, and by a list of symbols', async () => {
    const data = dataOf(await server.query(`{
      semis: stocks(first: 100, filter: { industry: "semiconductors" }) { totalCount nodes { symbol industry } }
      nasdaq: stocks(first: 5, filter: { exchange: "nasdaq" }) { nodes { exchange } }
      picked: stocks(first: 10, orderBy: SYMBOL_ASC, filter: { symbols: ["msft", "BRK-B", "AAPL", "NOPE"] }) { totalCount nodes { symbol } }
    }`));
    expect(data.semis.nodes.map((n: any) => n.symbol)).toContain('NVDA');
    expect(new Set(data.semis.nodes.map((n: any) => n.industry))).toEqual(new Set(['Semiconductors']));
    expect(new Set(data.nasdaq.nodes.map((n: any) => n.exchange))).toEqual(new Set(['NASDAQ']));
    expect(data.picked).toEqual({ totalCount: 3, nodes: [{ symbol: 'AAPL' }, { symbol: 'BRK.B' }, { symbol: 'MSFT' }] });
  });

  it('answers an unknown sector with an empty page, not an error', async () => {
    const { stocks } = dataOf(await server.query(`{ stocks(filter: { sector: "Crypto" }) { totalCount nodes { symbol } pageInfo { hasNextPage } } }`));
    expect(stocks).toEqual({ totalCount: 0, nodes: [], pageInfo: { hasNextPage: false } });
  });

  it.each([0, -1, 501])('refuses first: %i with BAD_USER_INPUT naming "first"', async (first) => {
    const error = errorOf(await server.query(`query($f: Int) { stocks(first: $f) { totalCount } }`, { f: first }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(error.message).toContain('between 1 and 500');
  });

  it('refuses a cursor the server did not issue', async () => {
    for (const after of ['garbage', 'eyJ4IjoxfQ', Buffer.from('["c1","MARKET_CAP_DESC","big","AAPL"]').toString('base64url')]) {
      const error = errorOf(await server.query(`query($a: String) { stocks(after: $a) { totalCount } }`, { a: after }));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    }
  });

  it('refuses a cursor issued for another order, and says so', async () => {
    const { stocks } = dataOf(await server.query(`{ stocks(first: 2, orderBy: PRICE_ASC) { pageInfo { endCursor } } }`));
    const error = errorOf(await server.query(`query($a: String) { stocks(after: $a, orderBy: SYMBOL_ASC) { totalCount } }`, { a: stocks.pageInfo.endCursor }));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.message).toContain('PRICE_ASC');
  });

  it('refuses a filter whose minimum is above its maximum', async () => {
    const error = errorOf(await server.query(`{ stocks(filter: { minPrice: 10, maxPrice: 5 }) { totalCount } }`));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'filter' });
  });
});

describe('movers', () => {
  it('lists gainers with the highest positive change first', async () => {
    const { movers } = dataOf(await server.query(`{ movers(type: GAINERS, first: 20) { symbol quote { changePercent } } }`));
    const changes = movers.map((m: any) => m.quote.changePercent);
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((c: number) => c > 0)).toBe(true);
    expect(changes).toEqual([...changes].sort((a, b) => b - a));
    const { stocks } = dataOf(await server.query(`{ stocks(first: 1, orderBy: CHANGE_PERCENT_DESC) { nodes { symbol } } }`));
    expect(movers[0].symbol).toBe(stocks.nodes[0].symbol);
  });

  it('lists losers with the lowest negative change first, optionally in one sector', async () => {
    const { movers } = dataOf(await server.query(`{ movers(type: LOSERS, first: 5, sector: "information technology") { sector quote { changePercent } } }`));
    expect(movers.length).toBeGreaterThan(0);
    expect(movers.every((m: any) => m.sector === 'Information Technology' && m.quote.changePercent < 0)).toBe(true);
    const changes = movers.map((m: any) => m.quote.changePercent);
    expect(changes).toEqual([...changes].sort((a, b) => a - b));
  });

  it('lists the most active stocks by volume', async () => {
    const { movers } = dataOf(await server.query(`{ movers(type: MOST_ACTIVE, first: 10) { quote { volume } } }`));
    const volumes = movers.map((m: any) => m.quote.volume);
    expect(volumes).toHaveLength(10);
    expect(volumes).toEqual([...volumes].sort((a, b) => b - a));
  });

  it('refuses first above 100', async () => {
    const error = errorOf(await server.query(`{ movers(type: GAINERS, first: 101) { symbol } }`));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
  });
});
