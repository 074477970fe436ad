import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperationManifest } from '../../src/graphql/safelist/operation-manifest.js';
import { expectIdentical, startExecutorPair, withoutStacktraces, withoutTimings, type ExecutorPair } from './executor-pair.js';

const manifest = loadOperationManifest();

/** What the jit server's executor said about an operation since `mark`. */
function linesFor(pair: ExecutorPair, operation: string | null, mark: number) {
  return pair.jitLog.slice(mark).filter((line) => line.fields.operation === operation);
}

describe('a development server (NODE_ENV=test)', () => {
  let pair: ExecutorPair;
  beforeAll(async () => {
    pair = await startExecutorPair();
  });
  afterAll(() => pair.close());

  it('answers introspection through graphql-js, the same bytes', async () => {
    const mark = pair.jitLog.length;
    // The full getIntrospectionQuery() nests deeper than QUERY_MAX_DEPTH allows.
    const query = 'query IntrospectionQuery { __schema { queryType { name } types { name kind fields { name args { name } } } } __type(name: "Stock") { fields { name type { kind name ofType { name } } } } }';
    const exchange = await pair.send({ body: { query, operationName: 'IntrospectionQuery' } });
    expectIdentical(exchange);
    expect(JSON.parse(exchange.jit.body).data.__schema.queryType.name).toBe('Query');
    expect(linesFor(pair, 'IntrospectionQuery', mark)).toMatchObject([{ fields: { reason: 'an introspection query' } }]);
  });

  it('answers chart points with aliases, repeats and __typename the same bytes, compiled, with no fallback', async () => {
    // Points selected only as plain leaves are projected (src/graphql/executor/leaf-lists.ts); through a fragment they are not.
    const query = `query PointShapes {
      a: stock(symbol: "AAPL") { chart(range: FIVE_DAYS) { points { t: time close __typename close volume } p2: points { time } } }
      b: stock(symbol: "MSFT") { chart(range: ONE_MONTH) { points { ...P } } }
    }
    fragment P on PricePoint { time open }`;
    const mark = pair.jitLog.length;
    const exchange = await pair.send({ body: { query } });
    expectIdentical(exchange);
    const data = JSON.parse(exchange.jit.body).data;
    expect(Object.keys(data.a.chart.points[0])).toEqual(['t', 'close', '__typename', 'volume']);
    expect(data.a.chart.points[0].__typename).toBe('PricePoint');
    expect(data.b.chart.points.length).toBeGreaterThan(0);
    expect(linesFor(pair, 'PointShapes', mark).map((line) => line.message)).toEqual(['graphql-jit compiled an operation']);
  });

  it('leaves @include and @skip to graphql-js, the same bytes whichever way they go', async () => {
    const query = `query Toggles($withQuote: Boolean!, $noName: Boolean!) {
      stocks(first: 3) { nodes { symbol name @skip(if: $noName) ...Q @include(if: $withQuote) } }
    }
    fragment Q on Stock { quote { price } }`;
    const mark = pair.jitLog.length;
    for (const variables of [{ withQuote: true, noName: false }, { withQuote: false, noName: true }]) {
      expectIdentical(await pair.send({ body: { query, variables } }));
    }
    expect(linesFor(pair, 'Toggles', mark)).toMatchObject([{ fields: { reason: 'uses @skip' } }]);
  });

  it('runs a variable inside an input object compiled when it is given, and through graphql-js when it is not', async () => {
    const query = 'query Nested($sector: String, $n: Int) { stocks(first: $n, filter: { sector: $sector }) { totalCount nodes { symbol sector } } }';
    const mark = pair.jitLog.length;
    expectIdentical(await pair.send({ body: { query, variables: { sector: 'Energy', n: 4 } } }));
    expect(linesFor(pair, 'Nested', mark).map((line) => line.message)).toEqual(['graphql-jit compiled an operation']);
    // Absent, graphql-js leaves `sector` out of the filter where graphql-jit would pass null.
    const absent = await pair.send({ body: { query, variables: { n: 4 } } });
    expectIdentical(absent);
    expect(JSON.parse(absent.jit.body).data.stocks.totalCount).toBeGreaterThan(400);
    expectIdentical(await pair.send({ body: { query, variables: { sector: null, n: 4 } } }));
    expect(linesFor(pair, 'Nested', mark)).toHaveLength(1);
  });

  it('compiles fragments, inline fragments, aliases, merged fields and __typename the way graphql-js orders them', async () => {
    const query = `query Shapes {
      __typename
      top: stocks(first: 2, orderBy: PRICE_DESC) { __typename nodes { ...Row ... on Stock { name quote { change } } symbol } }
      apple: stock(symbol: "aapl") { quote { price } ...Row quote { volume } sectorStats { sector topGainer { symbol } } }
      s: sectors { sector stockCount }
    }
    fragment Row on Stock { symbol quote { changePercent price } }`;
    const mark = pair.jitLog.length;
    const exchange = await pair.send({ body: { query } });
    expectIdentical(exchange);
    expect(Object.keys(JSON.parse(exchange.jit.body).data.apple.quote)).toEqual(['price', 'changePercent', 'volume']);
    expect(linesFor(pair, 'Shapes', mark).map((line) => line.message)).toEqual(['graphql-jit compiled an operation']);
  });

  it('differs only in the stack traces of errors, which name each executor’s own frames', async () => {
    const exchange = await pair.send({ body: { query: '{ a: stock(symbol: "!!") { symbol } b: stock(symbol: "AAPL") { symbol chart(range: ONE_DAY, interval: ONE_WEEK) { range } } }' } });
    for (const side of [exchange.jit, exchange.reference]) {
      expect(JSON.parse(side.body).errors.every((error: any) => Array.isArray(error.extensions.stacktrace))).toBe(true);
    }
    expectIdentical(exchange, (body) => withoutStacktraces(withoutTimings(body)));
  });
});

describe('with the caches on (CACHE_URL=memory): edge misses and hits', () => {
  let pair: ExecutorPair;
  beforeAll(async () => {
    pair = await startExecutorPair({ CACHE_URL: 'memory' });
  });
  afterAll(() => pair.close());

  it('answers the same bytes, Cache-Control and ETag, executed and then from the edge cache', async () => {
    const stocksPage = manifest.operations.find((operation) => operation.name === 'StocksPage')!;
    const request = { body: { query: stocksPage.body, variables: { first: 40 } }, headers: { 'accept-encoding': 'gzip' } };
    const miss = await pair.send(request);
    const hit = await pair.send(request);
    expectIdentical(miss);
    expectIdentical(hit);
    expect(hit.jit.body).toBe(miss.jit.body);
    expect(hit.jit.etag).toBeTruthy();
    expect(miss.jit.cacheControl).toBe('max-age=30, public');
  });
});

describe('in safelist mode (PERSISTED_QUERIES=safelist)', () => {
  let pair: ExecutorPair;
  beforeAll(async () => {
    pair = await startExecutorPair({ PERSISTED_QUERIES: 'safelist', NODE_ENV: 'production' });
  });
  afterAll(() => pair.close());

  it('serves trusted operations by hash and refuses anything else, alike', async () => {
    const movers = manifest.operations.find((operation) => operation.name === 'Movers')!;
    const trusted = await pair.send({ body: { operationName: 'Movers', variables: { type: 'LOSERS' }, extensions: { persistedQuery: { version: 1, sha256Hash: movers.id } } } });
    expectIdentical(trusted);
    expect(JSON.parse(trusted.jit.body).data.movers).toHaveLength(10);
    const untrusted = await pair.send({ body: { query: '{ stock(symbol: "AAPL") { symbol } }' } });
    expectIdentical(untrusted);
    expect(JSON.parse(untrusted.jit.body).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
  });
});
