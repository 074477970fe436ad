import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startServer, type TestServer } from '../helpers/server.js';
import { evaluate, formatEvaluation, QUERY_KINDS, readQueries, type Evaluation } from './evaluate.js';

let server: TestServer;
let result: Evaluation;
const queries = readQueries();

beforeAll(async () => {
  server = await startServer();
  result = await evaluate(queries, async (query) => {
    const { search } = dataOf(await server.query(`query($q: String!) { search(query: $q, first: 10) { hits { stock { symbol } } } }`, { q: query }));
    return search.hits.map((h: any) => h.stock.symbol);
  });
}, 120_000);
afterAll(() => server.close());

describe('search quality over the labelled queries (test/search/queries.tsv)', () => {
  it('has at least 150 queries covering every kind', () => {
    expect(queries.length).toBeGreaterThanOrEqual(150);
    for (const kind of QUERY_KINDS) expect(queries.filter((q) => q.kind === kind).length, kind).toBeGreaterThanOrEqual(20);
  });

  it('puts the expected stock first for at least 95% of all queries', () => {
    expect(result.overall.precisionAt1, formatEvaluation(result)).toBeGreaterThanOrEqual(0.95);
  });

  it.each(QUERY_KINDS)('reaches at least 0.9 precision at 1 for %s queries', (kind) => {
    expect(result.perKind[kind].precisionAt1, formatEvaluation(result)).toBeGreaterThanOrEqual(0.9);
  });
});
