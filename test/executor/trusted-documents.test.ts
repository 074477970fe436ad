import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperationManifest } from '../../src/graphql/safelist/operation-manifest.js';
import { expectIdentical, startExecutorPair, type Exchange, type ExecutorPair } from './executor-pair.js';

const manifest = loadOperationManifest();
const ALL_RANGES = ['ONE_DAY', 'FIVE_DAYS', 'ONE_MONTH', 'SIX_MONTHS', 'YEAR_TO_DATE', 'ONE_YEAR', 'FIVE_YEARS', 'MAX'];

/** Variables a client would send, per trusted operation: every operation of the manifest must have some. */
const variableSets: Record<string, Record<string, unknown>[]> = {
  MarketOverview: [{}, { first: 10 }],
  Movers: [{ type: 'GAINERS' }, { type: 'LOSERS', first: 25 }, { type: 'MOST_ACTIVE', first: 5, sector: 'Information Technology' }, { type: 'GAINERS', sector: 'No Such Sector' }],
  SearchStocks: [{ query: 'nvid' }, { query: 'micros', first: 3 }, { query: 'bank', filter: { sector: 'Financials' } }, { query: 'coca-cola' }, { query: 'brk b' }, { query: 'zzzzqqqxx' }],
  SectorDetail: [{ name: 'Energy' }, { name: 'information technology', first: 10, orderBy: 'CHANGE_PERCENT_DESC' }, { name: 'No Such Sector' }],
  SectorsOverview: [{}],
  StockCharts: [{ symbol: 'AAPL', ranges: ALL_RANGES }, { symbol: 'brk.b', ranges: ['ONE_DAY', 'ONE_YEAR'] }, { symbol: 'MSFT', ranges: [] }, { symbol: 'ZZZZ', ranges: ['ONE_DAY'] }],
  StockDetail: [{ symbol: 'MSFT' }, { symbol: 'nvda', range: 'ONE_DAY' }, { symbol: 'AAPL', range: 'FIVE_YEARS', interval: 'ONE_MONTH' }, { symbol: 'XOM', range: 'FIVE_DAYS', interval: null }, { symbol: 'ZZZZ' }],
  StocksPage: [{}, { first: 100 }, { first: 20, filter: { sector: 'Energy', minPrice: 20 }, orderBy: 'PRICE_DESC' }, { first: 300, orderBy: 'SYMBOL_ASC' }, { first: 5, filter: { symbols: ['AAPL', 'MSFT'] } }],
  Watchlist: [{ symbols: ['AAPL', 'MSFT', 'NVDA', 'brk-b', 'ZZZZ'] }, { symbols: ['XOM'], first: 1 }],
};

let pair: ExecutorPair;
beforeAll(async () => {
  pair = await startExecutorPair();
});
afterAll(() => pair.close());

/** Both servers answered the same bytes, and with data: these are the happy paths the compiled code runs. */
function expectSameData(exchange: Exchange): void {
  expectIdentical(exchange);
  expect(exchange.jit.status).toBe(200);
  const body = JSON.parse(exchange.jit.body) as { data?: unknown; errors?: unknown };
  expect(body.errors).toBeUndefined();
  expect(body.data).toBeTruthy();
}

describe('every trusted document answers the same bytes from the compiled executor as from graphql-js', () => {
  it('has realistic variables for every operation of the manifest', () => {
    expect(Object.keys(variableSets).sort()).toEqual(manifest.operations.map((operation) => operation.name).sort());
  });

  for (const operation of manifest.operations) {
    it(`${operation.name}: by its text, by its hash (POST and GET), with each set of variables`, async () => {
      const persisted = { persistedQuery: { version: 1, sha256Hash: operation.id } };
      for (const variables of variableSets[operation.name] ?? []) {
        expectSameData(await pair.send({ body: { query: operation.body, operationName: operation.name, variables } }));
        expectSameData(await pair.send({ body: { operationName: operation.name, variables, extensions: persisted } }));
        expectSameData(await pair.send({ method: 'GET', body: { operationName: operation.name, variables, extensions: persisted } }));
      }
    });
  }

  it('follows cursors to the next page alike (StocksPage, SectorDetail)', async () => {
    const stocksPage = manifest.operations.find((operation) => operation.name === 'StocksPage')!;
    const first = await pair.send({ body: { query: stocksPage.body, variables: { first: 30, orderBy: 'CHANGE_PERCENT_DESC' } } });
    const after = JSON.parse(first.reference.body).data.stocks.pageInfo.endCursor as string;
    expectSameData(await pair.send({ body: { query: stocksPage.body, variables: { first: 30, after, orderBy: 'CHANGE_PERCENT_DESC' } } }));

    const sectorDetail = manifest.operations.find((operation) => operation.name === 'SectorDetail')!;
    const sector = await pair.send({ body: { query: sectorDetail.body, variables: { name: 'Financials', first: 7 } } });
    const sectorAfter = JSON.parse(sector.reference.body).data.sector.stocks.pageInfo.endCursor as string;
    expectSameData(await pair.send({ body: { query: sectorDetail.body, variables: { name: 'Financials', first: 7, after: sectorAfter } } }));
  });

  it('compiled each trusted operation once, and never handed one back to graphql-js', () => {
    const compiled = pair.jitLog.filter((line) => line.message === 'graphql-jit compiled an operation').map((line) => line.fields.operation);
    expect(compiled.sort()).toEqual(manifest.operations.map((operation) => operation.name).sort());
    expect(pair.jitLog.filter((line) => line.message !== 'graphql-jit compiled an operation')).toEqual([]);
  });
});

describe('the comparison itself', () => {
  it('fails on the same data with its keys in another order', async () => {
    const exchange = await pair.send({ body: { query: '{ stock(symbol: "AAPL") { symbol name quote { price change } } }' } });
    expectIdentical(exchange);
    const { stock } = JSON.parse(exchange.jit.body).data;
    const reordered = JSON.stringify({ data: { stock: { name: stock.name, symbol: stock.symbol, quote: stock.quote } } });
    expect(JSON.parse(reordered)).toEqual(JSON.parse(exchange.reference.body));
    expect(() => expectIdentical({ ...exchange, jit: { ...exchange.jit, body: reordered } })).toThrow(/bodies differ at byte/);
  });

  it('fails on a different Cache-Control header or status', async () => {
    const exchange = await pair.send({ body: { query: '{ stock(symbol: "MSFT") { symbol } }' } });
    expectIdentical(exchange);
    expect(() => expectIdentical({ ...exchange, jit: { ...exchange.jit, cacheControl: 'no-store' } })).toThrow();
    expect(() => expectIdentical({ ...exchange, jit: { ...exchange.jit, status: 500 } })).toThrow();
  });
});
