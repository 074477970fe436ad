/**
 * Read-through caching in one server process (memory cache): warm requests run no SQL, a burst of cold
 * requests for one key reads it once, and a commit is visible at once, however long the TTL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeQuotePrice } from '../helpers/market-write.js';
import { dataOf, startServer, statementCount, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

/** The cache entry of Server-Timing: hit, miss, partial or none. */
const cacheOutcome = (headers: Headers) => /cache;desc="(\w+)"/.exec(headers.get('server-timing') ?? '')?.[1];
const loads = (namespace: string) => server.app.services.metrics.cacheStats().find((s) => s.namespace === namespace)!.loads!;

// Each scenario runs twice under different operation names: the request bytes differ, so the edge cache
// cannot answer the second one and the loaders' cache is what is tested.
const scenarios: Record<string, string> = {
  stock: `stock(symbol: "AAPL") { symbol name quote { price change } sectorStats { stockCount } }`,
  stocks: `stocks(first: 100, filter: { minPrice: 10 }) { totalCount nodes { symbol quote { price } } pageInfo { endCursor } }`,
  search: `search(query: "semiconductors", first: 10) { total hits { stock { symbol quote { price } } } facets { sector count } }`,
  charts: `stock(symbol: "MSFT") { charts(ranges: [ONE_DAY, ONE_MONTH, ONE_YEAR]) { range points { time close } } }`,
  sectors: `sectors { sector stockCount topGainer { symbol } stocks(first: 5) { nodes { symbol } } }`,
  movers: `movers(type: GAINERS, first: 10) { symbol quote { changePercent } }`,
};

describe('read-through caching', () => {
  for (const [name, selection] of Object.entries(scenarios)) {
    it(`answers a warm ${name} request with 0 SQL statements and the same data`, async () => {
      const cold = await server.query(`query Cold_${name} { ${selection} }`);
      const warm = await server.query(`query Warm_${name} { ${selection} }`);
      expect(dataOf(warm)).toEqual(dataOf(cold));
      expect(statementCount(cold.headers)).toBeGreaterThan(0);
      expect(statementCount(warm.headers)).toBe(0);
      expect(cacheOutcome(warm.headers)).toBe('hit');
    });
  }

  it('reads a cold key once for 50 concurrent requests that all need it', async () => {
    // A commit to NVDA makes its keys cold (keys carry the versions of what they read).
    await writeQuotePrice(server.databasePath, 'NVDA', 100);
    const before = loads('stock');
    // 50 different documents (aliases differ), so neither the edge cache nor one request's DataLoader can
    // merge them: only the cache layer's single-flight can.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => server.query(`{ s${i}: stock(symbol: "NVDA") { symbol quote { price } } }`)),
    );
    const prices = new Set(responses.map((r, i) => dataOf(r)[`s${i}`].quote.price));
    expect(prices.size).toBe(1);
    expect(loads('stock') - before).toBe(1);
  });

  it('shows a quote committed by another connection at once, within the TTL', async () => {
    const read = async (label: string) => dataOf(await server.query(`query ${label} { stock(symbol: "KO") { quote { price } } }`)).stock.quote.price;
    const original = await read('Before');
    expect(await read('Before')).toBe(original); // now served from the edge cache and the stock namespace
    await writeQuotePrice(server.databasePath, 'KO', original + 12.34);
    expect(await read('Before')).toBeCloseTo(original + 12.34, 6);
    expect(await read('After')).toBeCloseTo(original + 12.34, 6);
  });

  it('shows a quote committed by this process itself at once', async () => {
    const read = async () => dataOf(await server.query(`{ stock(symbol: "PEP") { quote { price } } }`)).stock.quote.price;
    const original = await read();
    const { stores } = server.app.services;
    const [row] = await stores.stocks.findBySymbols(['PEP']);
    const { symbol, name, exchange, sector, industry, currency } = row!;
    await stores.market.write([
      { facts: { symbol, name, exchange, sector, industry, currency }, quote: { ...row!, price: original + 1, updatedAt: Date.now() }, bars: [] },
    ]);
    expect(await read()).toBeCloseTo(original + 1, 6);
  });

  it('reports hits, misses, loads and entries per namespace in Query.metrics and /metrics', async () => {
    const { metrics } = dataOf(await server.query(`{ metrics { cacheMode dataVersion cache { namespace hits misses hitRate evictions entries errors loads } } }`));
    expect(metrics.cacheMode).toBe('memory');
    const byName = Object.fromEntries(metrics.cache.map((row: { namespace: string }) => [row.namespace, row]));
    expect(Object.keys(byName).sort()).toEqual(['aggregation', 'chart', 'persistedQuery', 'response', 'search', 'stock']);
    expect(byName.stock).toMatchObject({ errors: 0, evictions: 0 });
    expect(byName.stock.hits).toBeGreaterThan(0);
    expect(byName.stock.loads).toBeGreaterThan(0);
    expect(byName.stock.entries).toBeGreaterThan(0);
    expect(byName.stock.hitRate).toBeCloseTo(byName.stock.hits / (byName.stock.hits + byName.stock.misses), 6);
    expect(byName.response.hits).toBeGreaterThan(0);

    const text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(text).toMatch(/^stockql_cache_hits_total\{namespace="stock"\} [1-9]\d*$/m);
    expect(text).toMatch(/^stockql_cache_loads_total\{namespace="chart"\} [1-9]\d*$/m);
    expect(text).toMatch(/^stockql_cache_entries\{namespace="response"\} \d+$/m);
  });
});
