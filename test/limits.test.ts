/**
 * Query cost and depth limits: what is refused (with the code, the figures and a 400) and what is
 * still served, including operations whose size comes from variables.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('query limits', () => {
  it('serves everyday operations, a 200-stock page with month charts included', async () => {
    const page = await server.query('{ stocks(first: 200) { nodes { symbol quote { price } sectorStats { stockCount } chart(range: ONE_MONTH) { points { close } } } } }');
    expect(page.status).toBe(200);
    expect(dataOf(page).stocks.nodes).toHaveLength(200);
    const charts = await server.query('{ stock(symbol: "NVDA") { charts(ranges: [ONE_DAY, FIVE_DAYS, ONE_MONTH, SIX_MONTHS, YEAR_TO_DATE, ONE_YEAR, FIVE_YEARS, MAX]) { points { close } } } }');
    expect(dataOf(charts).stock.charts).toHaveLength(8);
  });

  it('refuses an operation that costs too much with QUERY_TOO_COMPLEX, its cost and the maximum', async () => {
    const result = await server.query('{ stocks(first: 500) { nodes { symbol chart(range: FIVE_YEARS, interval: ONE_DAY) { points { close } } } } }');
    expect(result.status).toBe(400);
    const error = errorOf(result);
    expect(error.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 10_000 });
    expect(error.extensions!.cost).toBeGreaterThan(10_000);
    expect(error.message).toMatch(/smaller "first"/);
    expect(result.body.data).toBeUndefined();
  });

  it('catches an alias flood of one field by its cost', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: stock(symbol: "AAPL") { name }`).join(' ');
    const result = await server.query(`{ ${aliases} }`);
    expect(result.status).toBe(400);
    expect(errorOf(result).extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('counts sizes given in variables', async () => {
    const query = 'query Page($n: Int!) { stocks(first: $n) { nodes { chart(range: FIVE_YEARS, interval: ONE_DAY) { close } } } }';
    const small = await server.query(query, { n: 5 });
    expect(dataOf(small).stocks.nodes).toHaveLength(5);
    const large = await server.query(query, { n: 500 });
    expect(errorOf(large).extensions!.code).toBe('QUERY_TOO_COMPLEX');
    // Figures are remembered per (document, operation, variables): asked again, each keeps its own answer.
    expect(errorOf(await server.query(query, { n: 500 })).extensions!.code).toBe('QUERY_TOO_COMPLEX');
    expect(dataOf(await server.query(query, { n: 5 })).stocks.nodes).toHaveLength(5);
    expect(errorOf(await server.query(query, { n: 400 })).extensions!.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses nesting deeper than the limit with QUERY_TOO_DEEP', async () => {
    const deep = '{ sectors { stocks(first: 1) { nodes { sectorStats { stocks(first: 1) { nodes { sectorStats { stocks(first: 1) { nodes { sectorStats { sector } } } } } } } } } } }';
    const result = await server.query(deep);
    expect(result.status).toBe(400);
    expect(errorOf(result).extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', depth: 11, maxDepth: 10 });
    const fragmentDeep = `fragment S on SectorStats { stocks(first: 1) { nodes { sectorStats { stocks(first: 1) { nodes { sectorStats { stocks(first: 1) { nodes { sectorStats { sector } } } } } } } } } }
      { sectors { ...S } }`;
    expect(errorOf(await server.query(fragmentDeep)).extensions!.code).toBe('QUERY_TOO_DEEP');
  });
});
