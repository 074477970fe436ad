import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { TEST_AS_OF } from '../helpers/constants.js';
import { dataOf, errorOf, startServer, statementCount, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const searchQuery = `query($q: String!, $first: Int, $filter: StockFilter) {
  search(query: $q, first: $first, filter: $filter) { total tookMs facets { sector count } hits { score stock { symbol name sector } highlights { field ranges } } } }`;
const search = async (q: string, variables: Record<string, unknown> = {}) => dataOf(await server.query(searchQuery, { q, ...variables })).search;
const top = async (q: string) => (await search(q)).hits[0]?.stock.symbol;

describe('search ranking', () => {
  it.each([['f', 'F'], ['t', 'T'], ['v', 'V'], ['ge', 'GE'], ['KO', 'KO'], ['msft', 'MSFT']])('ranks the exact ticker %j first', async (q, symbol) => {
    expect(await top(q)).toBe(symbol);
  });

  it.each(['brk.b', 'brk-b', 'brk b', 'BRK.B'])('finds the class share BRK.B written %j', async (q) => {
    expect(await top(q)).toBe('BRK.B');
  });

  it.each([['nvid', 'NVDA'], ['micros', 'MSFT'], ['berksh', 'BRK.B']])('completes the last word: %j ranks %s first', async (q, symbol) => {
    expect(await top(q)).toBe(symbol);
  });

  it('forgives typos within the budget, and counts a transposition as one', async () => {
    expect(await top('nvidai')).toBe('NVDA');
    expect(await top('mircosoft')).toBe('MSFT');
  });

  it('folds accents and treats & and "and" alike', async () => {
    expect(await top('estee lauder')).toBe('EL');
    expect(await top('procter and gamble')).toBe('PG');
    expect(await top('procter & gamble')).toBe('PG');
  });

  it('returns scores in descending order and highlights the matched part of the name', async () => {
    const result = await search('microsoft');
    const scores = result.hits.map((h: any) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const hit = result.hits[0];
    const range = hit.highlights.find((h: any) => h.field === 'name').ranges[0];
    expect(hit.stock.name.slice(range[0], range[1]).toLowerCase()).toBe('microsoft');
  });
});

describe('search highlights', () => {
  const plain = (q: string) => server.query(`query($q: String!) { search(query: $q) { hits { score stock { symbol } } } }`, { q });

  it('gives the same hits with and without highlights, and a search without them never hides them from one that asks', async () => {
    // Without highlights first, so its answer (kept in the search cache) would be what a later request reads.
    const without = dataOf(await plain('micros')).search.hits;
    const withThem = await search('micros');
    expect(withThem.hits.map((h: any) => [h.stock.symbol, h.score])).toEqual(without.map((h: any) => [h.stock.symbol, h.score]));
    expect(withThem.hits[0].highlights.find((h: any) => h.field === 'name').ranges).toEqual([[0, 6]]);
  });

  it('builds them when only a fragment (named or inline) asks for them', async () => {
    await plain('nvidia');
    const named = dataOf(await server.query(`query($q: String!) { search(query: $q) { ...R } } fragment R on SearchResults { hits { ...H } } fragment H on SearchResult { highlights { field ranges } }`, { q: 'nvidia' }));
    const inline = dataOf(await server.query(`query($q: String!) { search(query: $q) { hits { ... on SearchResult { highlights { field } } } } }`, { q: 'nvidia' }));
    expect(named.search.hits[0].highlights.length).toBeGreaterThan(0);
    expect(inline.search.hits[0].highlights.length).toBeGreaterThan(0);
  });
});

describe('search results', () => {
  it('counts all matches and their sectors, and narrows them with a filter', async () => {
    const all = await search('bank', { first: 100 });
    expect(all.total).toBeGreaterThanOrEqual(all.hits.length);
    expect(all.facets.reduce((sum: number, f: any) => sum + f.count, 0)).toBeLessThanOrEqual(all.total);
    const financials = await search('bank', { first: 100, filter: { sector: 'financials' } });
    expect(financials.hits.every((h: any) => h.stock.sector === 'Financials')).toBe(true);
    expect(financials.facets).toEqual([{ sector: 'Financials', count: financials.total }]);
    expect(financials.total).toBe(all.facets.find((f: any) => f.sector === 'Financials')?.count ?? 0);
  });

  it('reads the hits\' stocks in one statement', async () => {
    const result = await server.query(`{ search(query: "energy", first: 20) { hits { stock { symbol quote { price } } } } }`);
    expect(statementCount(result.headers)).toBe(1);
  });

  it('returns no hits for an empty or blank query', async () => {
    for (const q of ['', '   ', '\t']) expect(await search(q)).toMatchObject({ total: 0, hits: [], facets: [] });
  });

  it('refuses a query over 200 characters with BAD_USER_INPUT', async () => {
    const error = errorOf(await server.query(searchQuery, { q: 'a'.repeat(201) }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'query' });
  });

  it('never fails on punctuation, quotes, emoji, wildcards or SQL', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('%', '_', "'; DROP TABLE stocks;--", '.*+?^${}()|[]\\', '😀🚀', '"', '&&&', 'Ⅻ', '\u0000')), async (q) => {
        const result = await server.query(searchQuery, { q });
        expect(result.status).toBe(200);
        expect(result.body.errors).toBeUndefined();
        const { hits, total } = result.body.data.search;
        expect(total).toBeGreaterThanOrEqual(hits.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('the search index', () => {
  it('is rebuilt after an import into the running server\'s database, without interrupting searches', async () => {
    expect((await search('zyxwidgets')).total).toBe(0);
    const csv = join(server.databasePath, '..', 'new.csv');
    writeFileSync(csv, 'symbol,name,sector,industry\nZYXW,Zyxwidgets Holdings,Industrials,Industrial Machinery\n');
    const imported = await runCli(['--database', server.databasePath, 'import', csv, '--as-of', TEST_AS_OF]);
    expect(imported.code).toBe(0);
    let found: string | undefined;
    for (let attempt = 0; attempt < 50 && !found; attempt++) {
      found = await top('zyxwidgets');
      if (!found) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(found).toBe('ZYXW');
    expect(await top('msft')).toBe('MSFT');
  });

  it('is part of readiness', async () => {
    const ready = await fetch(server.url.replace(/\/graphql$/, '/readyz'));
    expect(await ready.json()).toMatchObject({ checks: { searchIndex: true } });
  });
});
