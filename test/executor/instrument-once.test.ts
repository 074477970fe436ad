/**
 * Fields whose Apollo hook runs once per request (src/graphql/executor/instrument-once-fields.ts): the
 * compiled server must answer with the bytes and the Cache-Control of Apollo's own execution, where the
 * hint of such a field, met on every row of a list, is what decides the header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLResolveInfo } from 'graphql';
import { instrumentedOncePerRequest, onceInstrumentedFields } from '../../src/graphql/executor/instrument-once-fields.js';
import { buildSchema } from '../../src/graphql/schema.js';
import { expectIdentical, startExecutorPair, type ExecutorPair } from './executor-pair.js';

describe('which fields are hooked once per request', () => {
  const schema = buildSchema();
  const once = onceInstrumentedFields(schema);
  const names = once.map(({ field }) => field.name);

  it('takes resolvers that cannot reach info, and never a root field or one that can set a hint', () => {
    expect(names).toEqual(expect.arrayContaining(['quote', 'sectorStats', 'totalCount', 'topGainer', 'topLoser']));
    // Stock.chart and charts set their hint through info; nodes and edges read the selection from it.
    for (const usesInfo of ['chart', 'charts', 'nodes', 'edges']) expect(names).not.toContain(usesInfo);
    // Root fields (stock, stocks, search, sectors, movers) get the default maxAge when they have no hint.
    const rootFields = new Set(Object.values(schema.getQueryType()!.getFields()));
    expect(once.filter(({ field }) => rootFields.has(field))).toEqual([]);
  });

  it('calls the hooked resolver for the first instance of each request and the own one after', () => {
    const calls: string[] = [];
    const resolve = instrumentedOncePerRequest(
      (source) => calls.push(`hooked ${source}`),
      (source) => calls.push(`own ${source}`),
    );
    const info = {} as GraphQLResolveInfo;
    const [first, second] = [{}, {}];
    for (const row of [1, 2, 3]) resolve(row, {}, first, info);
    for (const row of [1, 2]) resolve(row, {}, second, info);
    expect(calls).toEqual(['hooked 1', 'own 2', 'own 3', 'hooked 1', 'own 2']);
  });
});

describe('a compiled list whose rows repeat a hooked-once field', () => {
  let pair: ExecutorPair;
  beforeAll(async () => {
    pair = await startExecutorPair();
  });
  afterAll(() => pair.close());

  it.each([
    ['sector stats on every row: SectorStats decides', '{ stocks(first: 25) { nodes { symbol sectorStats { sector stockCount } } } }', 'max-age=60'],
    ['quotes on every row: Quote decides', '{ stocks(first: 25) { nodes { symbol quote { price updatedAt } sectorStats { sector } } } }', 'max-age=30'],
    ['by edges, with the total', '{ stocks(first: 10) { totalCount edges { node { symbol quote { changePercent } } } } }', 'max-age=30'],
    ['nested in sectors', '{ sectors { sector topGainer { symbol quote { price } } topLoser { symbol } } }', 'max-age=30'],
    ['in search hits', '{ search(query: "bank", first: 5) { hits { stock { symbol quote { price } sectorStats { sector } } } } }', 'max-age=30'],
  ])('%s: the bytes and Cache-Control of Apollo’s own execution', async (_, query, maxAge) => {
    const exchange = await pair.send({ body: { query } });
    expectIdentical(exchange);
    expect(JSON.parse(exchange.jit.body).errors).toBeUndefined();
    expect(exchange.jit.cacheControl).toContain(maxAge);
  });
});
