/**
 * The updater on a closed market: every round fetches every stock again and finds nothing new, so its
 * commits change no row — and must retire nothing. Before per-tag versions, each round bumped one global
 * version and emptied both cache levels once a minute, weekends included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startServer, type GraphQLResult, type TestServer } from '../helpers/server.js';

const views = [
  `query Quote { stock(symbol: "AAPL") { quote { price } } }`,
  `query Chart { stock(symbol: "MSFT") { chart(range: ONE_MONTH) { points { close } } } }`,
  `query Sectors { sectors { sector totalMarketCap } }`,
  `query Biggest { stocks(first: 20) { nodes { symbol quote { changePercent } } } }`,
  `query Movers { movers(type: GAINERS, first: 5) { symbol } }`,
  `query Search { search(query: "software", first: 5) { hits { stock { symbol } } } }`,
];

const edgeHit = (result: GraphQLResult) => /edge;desc="hit"/.test(result.headers.get('server-timing') ?? '');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let server: TestServer;
beforeAll(async () => {
  // Sunday on the simulated clock, a round every second.
  server = await startServer({ env: { INGEST_INTERVAL_SECONDS: '1', MARKET_CLOCK_START: '2026-11-29T15:00:00Z' } });
});
afterAll(() => server.close());

/** Provider requests the updater has sent so far (a round asks for every stock once per range). */
async function ingestRequests(): Promise<number> {
  const text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
  return Number(/^stockql_ingest_requests_total (\d+)$/m.exec(text)?.[1] ?? 0);
}

async function waitForRequests(atLeast: number): Promise<void> {
  for (let i = 0; i < 300 && (await ingestRequests()) < atLeast; i++) await wait(100);
  expect(await ingestRequests()).toBeGreaterThanOrEqual(atLeast);
}

const dataVersion = async () => dataOf(await server.query(`{ metrics { dataVersion } }`)).metrics.dataVersion as number;

describe('the updater on a closed market', () => {
  it('commits rounds that change nothing, and every cached response stays a hit', async () => {
    const stocks = dataOf(await server.query(`{ stocks(first: 1) { totalCount } }`)).stocks.totalCount as number;
    const round = 4 * stocks; // four ranges per round (src/modules/market/ingest/updater.ts)
    // The first round may bring the stored sessions up to date; from then on there is nothing new.
    await waitForRequests(round);
    await wait(1500);
    const start = await ingestRequests();
    const version = await dataVersion();
    const before = [];
    for (const query of views) {
      await server.query(query);
      before.push(await server.query(query));
    }
    expect(before.map(edgeHit)).toEqual(views.map(() => true));

    // Two more full rounds.
    await waitForRequests(start + 2 * round);
    expect(await dataVersion()).toBe(version);
    for (const [i, query] of views.entries()) {
      const after = await server.query(query);
      expect(edgeHit(after), query).toBe(true);
      expect(dataOf(after)).toEqual(dataOf(before[i]!));
    }
  });
});
