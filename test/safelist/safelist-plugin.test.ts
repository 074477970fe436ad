/**
 * Trusted documents over HTTP: with the safelist on, the committed manifest's operations run — by id
 * alone or by their exact text — and nothing else does, however it is sent.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperationManifest } from '../../src/graphql/safelist/operation-manifest.js';
import { byId, operationNamed, startSafelistServer, type SafelistServer } from './safelist-server.js';

const manifest = loadOperationManifest();
const stockDetail = operationNamed(manifest, 'StockDetail');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Variables a stock-search frontend would send with each operation of the manifest. */
const everydayVariables: Record<string, Record<string, unknown>> = {
  StockDetail: { symbol: 'AAPL', range: 'ONE_YEAR' },
  StockCharts: { symbol: 'NVDA', ranges: ['ONE_DAY', 'FIVE_DAYS', 'ONE_MONTH', 'SIX_MONTHS', 'YEAR_TO_DATE', 'ONE_YEAR', 'FIVE_YEARS', 'MAX'] },
  StocksPage: { first: 50, filter: { sector: 'Information Technology' }, orderBy: 'CHANGE_PERCENT_DESC' },
  SearchStocks: { query: 'nvid' },
  SectorsOverview: {},
  SectorDetail: { name: 'Energy', first: 25 },
  Movers: { type: 'GAINERS', first: 10 },
  MarketOverview: {},
  Watchlist: { symbols: ['AAPL', 'MSFT', 'BRK.B'] },
};

let server: SafelistServer;
beforeAll(async () => {
  server = await startSafelistServer(manifest, 'safelist');
});
afterAll(() => server.close());

describe('a safelisted server serves the listed operations', () => {
  it('answers an operation sent by its id alone, without the text ever being registered', async () => {
    const result = await server.post({ extensions: byId(stockDetail.id), variables: { symbol: 'MSFT', range: 'FIVE_DAYS' } });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data.stock).toMatchObject({ symbol: 'MSFT', name: expect.stringMatching(/Microsoft/), chart: { range: 'FIVE_DAYS' } });
    expect(result.body.data.stock.chart.points.length).toBeGreaterThan(0);
  });

  it('answers an id sent by GET, the cacheable form', async () => {
    const result = await server.get({ extensions: byId(stockDetail.id), variables: { symbol: 'AAPL' } });
    expect(result.status).toBe(200);
    expect(result.body.data.stock.symbol).toBe('AAPL');
    expect(result.body.data.stock.chart.range).toBe('ONE_MONTH');
  });

  it('answers the exact body of a listed operation, with or without its hash', async () => {
    const plain = await server.post({ query: stockDetail.body, variables: { symbol: 'NVDA' } });
    expect(plain.body.data.stock.symbol).toBe('NVDA');
    const withHash = await server.post({ query: stockDetail.body, variables: { symbol: 'NVDA' }, extensions: byId(stockDetail.id) });
    expect(withHash.body.data.stock.symbol).toBe('NVDA');
  });

  it('runs every operation of the manifest with everyday variables, within the query limits', async () => {
    expect(Object.keys(everydayVariables).sort()).toEqual(manifest.operations.map((o) => o.name).sort());
    for (const operation of manifest.operations) {
      const result = await server.post({ extensions: byId(operation.id), variables: everydayVariables[operation.name] });
      expect({ name: operation.name, status: result.status, errors: result.body.errors }).toEqual({ name: operation.name, status: 200, errors: undefined });
      expect(Object.values(result.body.data).every((value) => value !== null)).toBe(true);
    }
  });
});

describe('a safelisted server refuses everything else', () => {
  const expectNotAllowed = (result: { status: number; body: any }) => {
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors).toHaveLength(1);
    expect(result.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
    expect(result.body.errors[0].message).toMatch(/not in this server's safelist.*add it to operations\/\*\.graphql, run `npm run operations`/);
    return result.body.errors[0].message as string;
  };

  it('refuses an unlisted operation with PERSISTED_QUERY_NOT_ALLOWED and a 400, naming it', async () => {
    const query = 'query AllTheNames { stocks(first: 500) { nodes { symbol name } } }';
    const message = expectNotAllowed(await server.post({ query, operationName: 'AllTheNames' }));
    expect(message).toContain(`Operation AllTheNames (SHA-256 ${sha256(query)}) is not`);
    expect(server.refusals.at(-1)).toEqual({ reason: 'unlisted-text', id: sha256(query), operationName: 'AllTheNames' });
  });

  it('refuses a listed operation written differently: the text must be the manifest body', async () => {
    const reformatted = stockDetail.body.replace(/\n\s*/g, ' ');
    expectNotAllowed(await server.post({ query: reformatted, variables: { symbol: 'AAPL' } }));
  });

  it('refuses unlisted text sent along with a listed id', async () => {
    const query = 'query StockDetail($symbol: ID!) { stock(symbol: $symbol) { name } }';
    expectNotAllowed(await server.post({ query, variables: { symbol: 'AAPL' }, extensions: byId(stockDetail.id) }));
  });

  it('refuses an unknown id with PERSISTED_QUERY_NOT_ALLOWED rather than asking for its text', async () => {
    const unknown = sha256('query Unknown { sectors { sector } }');
    const message = expectNotAllowed(await server.post({ extensions: byId(unknown) }));
    expect(message).toContain(`The id ${unknown} is not in`);
  });

  it('cannot be taught an operation through automatic persisted queries', async () => {
    const query = 'query Sneaky { sectors { sector } }';
    expectNotAllowed(await server.post({ query, extensions: byId(sha256(query)) }));
    expectNotAllowed(await server.post({ extensions: byId(sha256(query)) }));
  });

  it('answers invalid or malformed unlisted text with the same refusal, never a hint about the schema', async () => {
    for (const query of ['{ stok(symbol: "AAPL") { name } }', '{ stock(symbol: ', '{ __schema { types { name } } }']) {
      const message = expectNotAllowed(await server.post({ query }));
      expect(message).not.toMatch(/Did you mean|Syntax Error|Cannot query/);
    }
  });

  it('refuses by GET as by POST', async () => {
    expectNotAllowed(await server.get({ query: '{ sectors { sector } }' }));
  });
});

describe('without the safelist (automatic persisted queries)', () => {
  let apq: SafelistServer;
  beforeAll(async () => {
    apq = await startSafelistServer(manifest, 'apq');
  });
  afterAll(() => apq.close());

  it('still answers manifest ids on the first request, and registers other operations as before', async () => {
    const listed = await apq.post({ extensions: byId(stockDetail.id), variables: { symbol: 'AAPL' } });
    expect(listed.body.data.stock.symbol).toBe('AAPL');

    const query = '{ stock(symbol: "MSFT") { symbol } }';
    expect((await apq.post({ extensions: byId(sha256(query)) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await apq.post({ query, extensions: byId(sha256(query)) })).body.data.stock.symbol).toBe('MSFT');
    expect((await apq.post({ extensions: byId(sha256(query)) })).body.data.stock.symbol).toBe('MSFT');
  });
});
