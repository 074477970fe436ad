/**
 * Invalidation by what changed, seen from a client: a commit by another process — plain SQL that knows
 * nothing of stockql, or our own CLI — changes the very next read of what it changed, and every cached
 * response that did not read it is still answered by the edge cache (Server-Timing `edge;desc="hit"`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEST_AS_OF } from '../helpers/constants.js';
import { dataOf, startServer, type GraphQLResult, type TestServer } from '../helpers/server.js';
import { runSqlInAnotherProcess } from '../helpers/sql-process.js';

/** Cached views a frontend keeps asking for, each reading a different part of the data. */
const views = {
  aapl: `query Aapl { stock(symbol: "AAPL") { quote { price marketCap } } }`,
  aaplChart: `query AaplChart { stock(symbol: "AAPL") { chart(range: ONE_DAY) { points { time close } } } }`,
  msft: `query Msft { stock(symbol: "MSFT") { quote { price } } }`,
  msftChart: `query MsftChart { stock(symbol: "MSFT") { chart(range: ONE_MONTH) { points { time close } } } }`,
  tech: `query Tech { sector(name: "Information Technology") { stockCount totalMarketCap } }`,
  energy: `query Energy { sector(name: "Energy") { stockCount totalMarketCap } }`,
  biggest: `query Biggest { stocks(first: 5) { totalCount nodes { symbol } } }`,
  energyList: `query EnergyList { stocks(first: 5, filter: { sector: "Energy" }) { totalCount nodes { symbol quote { price } } } }`,
  energyMovers: `query EnergyMovers { movers(type: GAINERS, sector: "Energy", first: 5) { symbol } }`,
  banks: `query Banks { search(query: "bank", first: 5) { total hits { stock { symbol quote { price } } } } }`,
} as const;
type View = keyof typeof views;

const edgeHit = (result: GraphQLResult) => /edge;desc="hit"/.test(result.headers.get('server-timing') ?? '');

const dir = mkdtempSync(join(tmpdir(), 'stockql-invalidation-'));
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every view read twice, so each is held by the edge cache; the data of each. */
async function warm(): Promise<Record<View, any>> {
  const data = {} as Record<View, any>;
  for (const [name, query] of Object.entries(views) as [View, string][]) {
    await server.query(query);
    const again = await server.query(query);
    expect(edgeHit(again), `${name} is cached before the commit`).toBe(true);
    data[name] = dataOf(again);
  }
  return data;
}

/** Reads every view once: which were edge hits, and their data. */
async function readAll() {
  const hits = new Set<View>();
  const data = {} as Record<View, any>;
  for (const [name, query] of Object.entries(views) as [View, string][]) {
    const result = await server.query(query);
    if (edgeHit(result)) hits.add(name);
    data[name] = dataOf(result);
  }
  return { hits, data };
}

/** Asserts that exactly `retired` missed the edge cache, and that the others still answer as before. */
function expectRetired(after: Awaited<ReturnType<typeof readAll>>, before: Record<View, any>, retired: View[]) {
  const kept = (Object.keys(views) as View[]).filter((name) => !retired.includes(name));
  expect([...after.hits].sort(), 'views still served by the edge cache').toEqual(kept.sort());
  for (const name of kept) expect(after.data[name], `${name} unchanged`).toEqual(before[name]);
}

describe('a commit by another process', () => {
  let before: Record<View, any>;
  beforeEach(async () => {
    before = await warm();
  });

  it('plain SQL on one quote: that stock, its sector and the whole-market list change; nothing else is retired', async () => {
    await runSqlInAnotherProcess(server.databasePath, `UPDATE stocks SET price = price + 1, market_cap = market_cap + 1e9 WHERE symbol = 'AAPL'`);
    const after = await readAll();
    expect(after.data.aapl.stock.quote.price).toBeCloseTo(before.aapl.stock.quote.price + 1, 6);
    expect(after.data.tech.sector.totalMarketCap).toBeCloseTo(before.tech.sector.totalMarketCap + 1e9, 0);
    // The chart view reads the stock too (it resolves `stock(symbol:)` first), so it is retired with it.
    expectRetired(after, before, ['aapl', 'aaplChart', 'tech', 'biggest']);
    // Read again: the new answers are cached in turn.
    expect(edgeHit(await server.query(views.aapl))).toBe(true);
  });

  it('plain SQL on one stock\'s bars: only its chart changes', async () => {
    await runSqlInAnotherProcess(server.databasePath, `UPDATE bars SET close = close + 1 WHERE symbol = 'MSFT'`);
    const after = await readAll();
    const closes = (data: any) => data.stock.chart.points.map((p: { close: number }) => p.close);
    expect(closes(after.data.msftChart)).toEqual(closes(before.msftChart).map((close: number) => expect.closeTo(close + 1, 6)));
    expectRetired(after, before, ['msftChart']);
  });

  it('a row rewritten with the same values retires nothing', async () => {
    await runSqlInAnotherProcess(server.databasePath, `UPDATE stocks SET price = price WHERE symbol = 'AAPL'; UPDATE bars SET close = close WHERE symbol = 'AAPL'`);
    expectRetired(await readAll(), before, []);
  });

  it('stockql import of a new Energy listing: the Energy views and the whole-market list change, the rest stay cached', async () => {
    const csv = join(dir, 'new-energy.csv');
    writeFileSync(csv, 'symbol,name,sector,industry,price\nZZEN,Zed Energy Partners,Energy,Oil & Gas Drilling,12\n');
    const result = await runCli(['--database', server.databasePath, 'import', csv, '--as-of', TEST_AS_OF]);
    expect(result.stderr).toContain('1 added, 0 updated, 0 removed');
    const after = await readAll();
    expect(after.data.energy.sector.stockCount).toBe(before.energy.sector.stockCount + 1);
    expect(after.data.biggest.stocks.totalCount).toBe(before.biggest.stocks.totalCount + 1);
    // The search index is rebuilt for a new listing: search answers start over with it.
    expectRetired(after, before, ['energy', 'biggest', 'energyList', 'energyMovers', 'banks']);
    expect(dataOf(await server.query(`{ search(query: "zed energy") { hits { stock { symbol } } } }`)).search.hits[0].stock.symbol).toBe('ZZEN');
  });

  it('stockql ingest of one stock in an open market: its quote, chart and sector change, the rest stay cached', async () => {
    const result = await runCli(['--database', server.databasePath, 'ingest', '--symbols', 'AAPL', '--range', '1d'], {
      MARKET_PROVIDER: 'synthetic',
      MARKET_CLOCK_START: '2026-11-30T15:00:00Z',
    });
    expect(result.code, result.stderr).toBe(0);
    const after = await readAll();
    expect(after.data.aapl).not.toEqual(before.aapl);
    expect(after.data.aaplChart).not.toEqual(before.aaplChart);
    expectRetired(after, before, ['aapl', 'aaplChart', 'tech', 'biggest']);
  });
});
