import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Services } from '../../src/services.js';
import { expectIdentical, startExecutorPair, type Exchange, type ExecutorPair } from './executor-pair.js';

// Production: errors carry no stack trace, unexpected ones are masked, so every byte must match.
let pair: ExecutorPair;
beforeAll(async () => {
  pair = await startExecutorPair({ NODE_ENV: 'production' });
});
afterAll(() => pair.close());
afterEach(() => {
  vi.restoreAllMocks();
});

const bodyOf = (exchange: Exchange) => JSON.parse(exchange.jit.body) as { data?: any; errors?: { message: string; path?: unknown[]; extensions?: any }[] };

/** Makes the same change to both servers' services (the resolvers reach them through the context). */
function onBoth(patch: (services: Services) => void): void {
  patch(pair.jit.app.services);
  patch(pair.reference.app.services);
}

const send = (query: string, variables?: Record<string, unknown>) => pair.send({ body: { query, variables } });

describe('error responses are the same bytes from both executors (production)', () => {
  it('partial data: one field fails with BAD_USER_INPUT, its sibling is served', async () => {
    const exchange = await send('{ a: stock(symbol: "AAPL") { symbol name } b: stock(symbol: "!!") { symbol } c: stock(symbol: "MSFT") { symbol } }');
    expectIdentical(exchange);
    const body = bodyOf(exchange);
    expect(body.data).toEqual({ a: { symbol: 'AAPL', name: 'Apple Inc.' }, b: null, c: { symbol: 'MSFT' } });
    expect(body.errors).toMatchObject([{ path: ['b'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'symbol' } }]);
    expect(exchange.jit.cacheControl).toBe('no-store');
  });

  it('a failing non-null field nulls its nearest nullable parent, with the error at the field', async () => {
    const exchange = await send('{ stock(symbol: "AAPL") { symbol chart(range: ONE_DAY, interval: ONE_MONTH) { range points { time } } } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange)).toMatchObject({ data: { stock: null }, errors: [{ path: ['stock', 'chart'], extensions: { argumentName: 'interval' } }] });
  });

  it('errors in many list items that bubble up to the root: data null, the errors graphql-js reports', async () => {
    const exchange = await send('{ stocks(first: 4) { nodes { symbol chart(range: ONE_DAY, interval: ONE_MONTH) { range } } } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange).data).toBeNull();
  });

  it('a non-null root field that fails: data null, 200', async () => {
    const exchange = await send('{ stocks(first: 0) { totalCount } sectors { sector } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange)).toMatchObject({ data: null, errors: [{ path: ['stocks'], extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' } }] });
  });

  it('unknown stocks and sectors are nulls, not errors', async () => {
    const exchange = await send('{ stock(symbol: "ZZZZ") { symbol quote { price } } sector(name: "No Such Sector") { sector } known: stock(symbol: "XOM") { symbol } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange)).toEqual({ data: { stock: null, sector: null, known: { symbol: 'XOM' } } });
  });

  it('a resolver that throws something unexpected: masked as "Unexpected error." with its path and location', async () => {
    onBoth((services) => vi.spyOn(services.charts, 'chart').mockImplementation(() => {
      throw new TypeError('cannot read properties of undefined (the secret detail)');
    }));
    const exchange = await send('{ stock(symbol: "AAPL") { symbol chart(range: ONE_DAY) { range } } other: stock(symbol: "MSFT") { symbol } }');
    expectIdentical(exchange);
    const body = bodyOf(exchange);
    expect(body.errors).toEqual([{ message: 'Unexpected error.', locations: [{ line: 1, column: 34 }], path: ['stock', 'chart'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(exchange.jit.body).not.toContain('secret detail');
    expect(body.data).toEqual({ stock: null, other: { symbol: 'MSFT' } });
  });

  it('a rejected promise deep in a list: masked alike', async () => {
    onBoth((services) => vi.spyOn(services.charts, 'charts').mockRejectedValue(new Error('database is locked')));
    const exchange = await send('{ stocks(first: 3) { nodes { symbol charts(ranges: [ONE_DAY]) { range } } } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange).errors?.[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('null for a non-null field (a bug in the data): masked alike, the stock nulled', async () => {
    onBoth((services) => {
      const getStock = services.stocks.getStock.bind(services.stocks);
      vi.spyOn(services.stocks, 'getStock').mockImplementation(async (loader, symbol) => {
        const stock = await getStock(loader, symbol);
        return stock && ({ ...stock, name: null } as never);
      });
    });
    const exchange = await send('{ stock(symbol: "AAPL") { symbol name } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange)).toEqual({ data: { stock: null }, errors: [{ message: 'Unexpected error.', locations: [{ line: 1, column: 34 }], path: ['stock', 'name'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
  });

  it('a leaf that a value cannot represent: the scalar error, the object nulled', async () => {
    onBoth((services) => {
      const getStock = services.stocks.getStock.bind(services.stocks);
      vi.spyOn(services.stocks, 'getStock').mockImplementation(async (loader, symbol) => {
        const stock = await getStock(loader, symbol);
        return stock && ({ ...stock, price: 'n/a', exchange: { no: 'string' } } as never);
      });
    });
    const exchange = await send('{ stock(symbol: "AAPL") { symbol exchange quote { price change } } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange).errors).toHaveLength(2);
  });

  it('leaf properties that are functions or promises: graphql-js calls and awaits them, and so does the answer', async () => {
    onBoth((services) => {
      const getStock = services.stocks.getStock.bind(services.stocks);
      vi.spyOn(services.stocks, 'getStock').mockImplementation(async (loader, symbol) => {
        const stock = await getStock(loader, symbol);
        return stock && ({ ...stock, name: () => 'Apple, from a method', price: Promise.resolve(123.5) } as never);
      });
    });
    const exchange = await send('{ stock(symbol: "AAPL") { name quote { price } } }');
    expectIdentical(exchange);
    expect(bodyOf(exchange)).toEqual({ data: { stock: { name: 'Apple, from a method', quote: { price: 123.5 } } } });
  });
});

describe('refusals before execution are the same bytes (production)', () => {
  const stockDetail = 'query D($symbol: ID!, $range: ChartRange! = ONE_MONTH) { stock(symbol: $symbol) { symbol chart(range: $range) { range } } }';

  it.each([
    ['a variable of the wrong type', stockDetail, { symbol: 42.5 }],
    ['a missing required variable', stockDetail, {}],
    ['null for a non-null variable', stockDetail, { symbol: 'AAPL', range: null }],
    ['an unknown enum value', stockDetail, { symbol: 'AAPL', range: 'FOREVER' }],
    ['an unknown input field', 'query($f: StockFilter) { stocks(filter: $f) { totalCount } }', { f: { sectorr: 'Energy' } }],
    ['a string for an Int', 'query($n: Int) { stocks(first: $n) { totalCount } }', { n: 'ten' }],
    ['a list of the wrong items', 'query($s: [ID!]!) { stocks(filter: { symbols: $s }) { totalCount } }', { s: [1.5, null] }],
  ])('bad variables: %s (400 BAD_USER_INPUT)', async (_, query, variables) => {
    const exchange = await send(query, variables);
    expectIdentical(exchange);
    expect(exchange.jit.status).toBe(400);
    expect(bodyOf(exchange).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['an unknown field', '{ stock(symbol: "AAPL") { symbol ticker } }'],
    ['a literal of the wrong type', '{ stocks(first: "ten") { totalCount } }'],
    ['a missing required argument', '{ stock { symbol } }'],
    ['introspection in production', '{ __schema { types { name } } }'],
    ['a selection missing on an object field', '{ stock(symbol: "AAPL") }'],
  ])('validation errors: %s', async (_, query) => {
    const exchange = await send(query);
    expectIdentical(exchange);
    expect(bodyOf(exchange).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('a syntax error', async () => {
    const exchange = await send('{ stock(symbol: "AAPL") { symbol ');
    expectIdentical(exchange);
    expect(bodyOf(exchange).errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('operations that cost too much or nest too deep', async () => {
    const costly = await send('{ stocks(first: 500) { nodes { charts(ranges: [ONE_DAY, FIVE_DAYS]) { points { time } } } } }');
    expectIdentical(costly);
    expect(bodyOf(costly).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    const deep = await send('{ sectors { topGainer { sectorStats { topGainer { sectorStats { topGainer { sectorStats { topGainer { sectorStats { topGainer { symbol } } } } } } } } } } }');
    expectIdentical(deep);
    expect(bodyOf(deep).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
  });

  it('an operation name that matches nothing, and two operations without a name', async () => {
    const unknown = await pair.send({ body: { query: 'query A { sectors { sector } }', operationName: 'B' } });
    expectIdentical(unknown);
    expect(unknown.jit.status).toBe(400);
    const ambiguous = await send('query A { sectors { sector } } query B { stock(symbol: "AAPL") { symbol } }');
    expectIdentical(ambiguous);
    // Named: each operation of the document is its own compilation.
    for (const operationName of ['A', 'B', 'A']) {
      expectIdentical(await pair.send({ body: { query: 'query A { sectors { sector } } query B { stock(symbol: "AAPL") { symbol } }', operationName } }));
    }
  });

  it('a persisted query hash the server has never seen', async () => {
    const sha256Hash = createHash('sha256').update(`never sent ${Date.now()}`).digest('hex');
    const exchange = await pair.send({ body: { extensions: { persistedQuery: { version: 1, sha256Hash } } } });
    expectIdentical(exchange);
    expect(bodyOf(exchange).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});
