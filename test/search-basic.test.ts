import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const search = (query: string, extra = '') =>
  server.query(`query($q: String!) { search(query: $q${extra}) { total tookMs facets { sector count } hits { score stock { symbol name sector } highlights { field ranges } } } }`, { q: query });

describe('search (the simple matcher until the search engine lands)', () => {
  it('puts an exact ticker first, with its highlighted range', async () => {
    const { search: result } = dataOf(await search('msft'));
    expect(result.hits[0].stock.symbol).toBe('MSFT');
    expect(result.hits[0].highlights).toContainEqual({ field: 'symbol', ranges: [[0, 4]] });
  });

  it('finds a company by the start of its name and counts facets over all matches', async () => {
    const { search: result } = dataOf(await search('nvid'));
    expect(result.hits[0].stock.symbol).toBe('NVDA');
    expect(result.facets.reduce((sum: number, f: any) => sum + f.count, 0)).toBeLessThanOrEqual(result.total);
  });

  it('narrows results with a filter', async () => {
    const { search: result } = dataOf(await search('a', ', first: 100, filter: { sector: "Energy" }'));
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((h: any) => h.stock.sector === 'Energy')).toBe(true);
    expect(result.facets).toEqual([{ sector: 'Energy', count: result.total }]);
  });

  it('returns no hits for an empty or blank query', async () => {
    for (const q of ['', '   ']) expect(dataOf(await search(q)).search).toMatchObject({ total: 0, hits: [] });
  });

  it.each(['%', '_', '100%', "o'reilly", '"', '\\', '.*', '😀', 'Estée', "'; DROP TABLE stocks; --"])('never fails on %j', async (q) => {
    const result = await search(q);
    expect(result.body.errors).toBeUndefined();
    expect(result.status).toBe(200);
  });

  it('treats % and _ literally, not as wildcards', async () => {
    expect(dataOf(await search('%')).search.total).toBe(0);
  });

  it('refuses a query over 200 characters', async () => {
    const error = errorOf(await search('x'.repeat(201)));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
  });
});
