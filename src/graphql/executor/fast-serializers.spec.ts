import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLString } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FAST_SERIALIZERS } from './fast-serializers.js';

/** What a serializer does with a value: its result, or the message it throws. */
function outcome(serialize: (value: unknown) => unknown, value: unknown): { value: unknown } | { error: string } {
  try {
    return { value: serialize(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

const VALUES: unknown[] = [
  0, -0, 1, -1, 1.5, -2.25, 412.37, 1e21, 2 ** 31 - 1, 2 ** 31, -(2 ** 31), -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER,
  NaN, Infinity, -Infinity, '', 'AAPL', '12', '1.5', ' 3 ', 'abc', true, false, null, undefined,
  { valueOf: () => 7 }, { valueOf: () => 'x' }, { toJSON: () => 2.5 }, new Date(0), [], [1], {}, 10n, Symbol('s'),
];

describe('FAST_SERIALIZERS', () => {
  it.each([
    ['Float', GraphQLFloat],
    ['Int', GraphQLInt],
    ['String', GraphQLString],
    ['Boolean', GraphQLBoolean],
    ['ID', GraphQLID],
  ] as const)('%s gives exactly the standard serializer\'s result or error for every kind of value', (name, scalar) => {
    const fast = FAST_SERIALIZERS[name]!;
    for (const value of VALUES) {
      const expected = outcome((v) => scalar.serialize(v), value);
      const actual = outcome(fast, value);
      expect(actual, `${name} of ${typeof value === 'symbol' ? 'a symbol' : String(value)}`).toEqual(expected);
      if ('value' in expected && 'value' in actual) expect(Object.is(actual.value, expected.value)).toBe(true);
    }
  });
});
