import { getOperationAST, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../schema.js';
import { inlineLeafFields } from './inline-leaf-fields.js';
import { leafListFields, projectableIn } from './leaf-lists.js';

// Which lists an operation projects decides whether a chart is built by one projection or by graphql-jit:
// the HTTP test (test/executor/fallbacks.test.ts) holds the bytes; this holds that the projection is chosen.
const schema = buildSchema();
const candidates = leafListFields(schema, inlineLeafFields(schema));
const names = (list: readonly { field: { name: string } }[]) => list.map(({ field }) => field.name).sort();

function projectedIn(source: string): string[] {
  const document = parse(source);
  return names(projectableIn(candidates, schema, document, getOperationAST(document)!));
}

describe('leaf lists', () => {
  it('offers chart points, and projects highlights only without their lists of offsets', () => {
    expect(names(candidates)).toContain('points');
    expect(projectedIn('{ search(query: "a") { hits { highlights { field } } } }')).toEqual(['highlights']);
    expect(projectedIn('{ search(query: "a") { hits { highlights { field ranges } } } }')).toEqual([]);
  });

  it('projects points selected as plain leaves, with aliases and __typename', () => {
    expect(projectedIn('{ stock(symbol: "A") { chart(range: ONE_YEAR) { points { t: time close __typename } } } }')).toEqual(['points']);
  });

  it('refuses points when any occurrence uses a fragment, a directive, or is absent', () => {
    expect(projectedIn('{ stock(symbol: "A") { chart(range: ONE_YEAR) { points { time } p: points { ...P } } } } fragment P on PricePoint { close }')).toEqual([]);
    expect(projectedIn('query Q($x: Boolean!) { stock(symbol: "A") { chart(range: ONE_YEAR) { points { time close @include(if: $x) } } } }')).toEqual([]);
    expect(projectedIn('{ stock(symbol: "A") { symbol } }')).toEqual([]);
  });
});
