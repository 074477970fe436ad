import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startServer, statementCount, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  // The budget is about cold requests: with caching on, a repeated query would run no SQL at all
  // (test/cache/read-through.test.ts covers that).
  server = await startServer({ env: { CACHE_URL: 'off' } });
});
afterAll(() => server.close());

const budgetQuery = (first: number) => `{ stocks(first: ${first}) { nodes { symbol quote { price changePercent } sectorStats { stockCount } chart(range: ONE_MONTH) { points { close } } } } }`;

/** Records every call to the stores' key-fetching methods while `work` runs. */
async function recordStoreCalls<T>(work: () => Promise<T>) {
  const { stores } = server.app.services;
  const calls: { method: string; keys: readonly string[] }[] = [];
  const originals = { stocks: stores.stocks.findBySymbols, sectors: stores.sectors.findBySectors, charts: stores.charts.findBars };
  stores.stocks.findBySymbols = (symbols) => (calls.push({ method: 'stocks.findBySymbols', keys: symbols }), originals.stocks(symbols));
  stores.sectors.findBySectors = (sectors) => (calls.push({ method: 'sectors.findBySectors', keys: sectors }), originals.sectors(sectors));
  stores.charts.findBars = (interval, columns, requests) => (calls.push({ method: 'charts.findBars', keys: requests.map((r) => r.symbol) }), originals.charts(interval, columns, requests));
  try {
    return { result: await work(), calls };
  } finally {
    Object.assign(stores.stocks, { findBySymbols: originals.stocks });
    Object.assign(stores.sectors, { findBySectors: originals.sectors });
    Object.assign(stores.charts, { findBars: originals.charts });
  }
}

describe('the N+1 budget', () => {
  it('runs the same small number of SQL statements for 10 stocks as for 200', async () => {
    const small = await server.query(budgetQuery(10));
    const large = await server.query(budgetQuery(200));
    expect(dataOf(small).stocks.nodes).toHaveLength(10);
    expect(dataOf(large).stocks.nodes).toHaveLength(200);
    expect(statementCount(large.headers)).toBe(statementCount(small.headers));
    expect(statementCount(large.headers)).toBeLessThanOrEqual(5);
  });

  it('fills every stock of the page: quote, sector stats and a month of hourly bars', async () => {
    const { stocks } = dataOf(await server.query(budgetQuery(200)));
    for (const node of stocks.nodes) {
      expect(node.quote.price).toBeGreaterThan(0);
      expect(node.sectorStats.stockCount).toBeGreaterThan(0);
      expect(node.chart.points.length).toBeGreaterThan(100);
    }
  });

  it('fetches charts in one batch, sector stats in one batch per distinct sector set, and stocks not at all', async () => {
    const { calls } = await recordStoreCalls(() => server.query(budgetQuery(200)));
    const charts = calls.filter((c) => c.method === 'charts.findBars');
    const sectors = calls.filter((c) => c.method === 'sectors.findBySectors');
    expect(charts).toHaveLength(1);
    expect(charts[0]!.keys).toHaveLength(200);
    expect(sectors).toHaveLength(1);
    expect(new Set(sectors[0]!.keys).size).toBe(sectors[0]!.keys.length);
    expect(sectors[0]!.keys.length).toBeLessThanOrEqual(11);
    // The page query already returned every stock row; the stock loader was primed, not queried.
    expect(calls.filter((c) => c.method === 'stocks.findBySymbols')).toHaveLength(0);
  });

  it('batches stock lookups by symbol from many fields into one call', async () => {
    const fields = ['AAPL', 'MSFT', 'NVDA', 'F', 'T', 'BRK-B'].map((s, i) => `s${i}: stock(symbol: "${s}") { symbol sectorStats { topGainer { symbol } topLoser { symbol } } }`);
    const { result, calls } = await recordStoreCalls(() => server.query(`{ ${fields.join(' ')} }`));
    dataOf(result);
    const stockCalls = calls.filter((c) => c.method === 'stocks.findBySymbols');
    // One batch for the six symbols, one for the sectors' top gainers and losers.
    expect(stockCalls).toHaveLength(2);
    expect([...stockCalls[0]!.keys].sort()).toEqual(['AAPL', 'BRK.B', 'F', 'MSFT', 'NVDA', 'T']);
    expect(calls.filter((c) => c.method === 'sectors.findBySectors')).toHaveLength(1);
  });

  it('reads charts only when a chart field is selected', async () => {
    const { calls } = await recordStoreCalls(() => server.query(`{ stocks(first: 50) { nodes { symbol quote { price } } } }`));
    expect(calls.filter((c) => c.method === 'charts.findBars')).toHaveLength(0);
  });

  it('counts no statement for totalCount unless it is selected', async () => {
    const without = await server.query(`{ stocks(first: 5) { nodes { symbol } } }`);
    const withCount = await server.query(`{ stocks(first: 5) { totalCount nodes { symbol } } }`);
    expect(statementCount(withCount.headers)).toBe(statementCount(without.headers) + 1);
  });
});
