import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CompileCache } from '../../src/graphql/executor/compile-cache.js';

describe('the compile cache', () => {
  it('keys on the document object and the operation name', () => {
    const cache = new CompileCache<string>(10);
    const document = parse('query A { a } query B { b }');
    cache.set(document, 'A', 'compiled A');
    cache.set(document, 'B', 'compiled B');
    cache.set(parse('{ a }'), undefined, 'anonymous');
    expect(cache.get(document, 'A')).toBe('compiled A');
    expect(cache.get(document, 'B')).toBe('compiled B');
    expect(cache.get(document, 'C')).toBeUndefined();
    expect(cache.get(parse('query A { a } query B { b }'), 'A')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('keeps at most its bound of documents, dropping the least recently used', () => {
    const cache = new CompileCache<number>(2);
    const [one, two, three] = [parse('{ one }'), parse('{ two }'), parse('{ three }')];
    cache.set(one, null, 1);
    cache.set(two, null, 2);
    expect(cache.get(one, null)).toBe(1);
    cache.set(three, null, 3);
    expect(cache.size).toBe(2);
    expect(cache.get(two, null)).toBeUndefined();
    expect(cache.get(one, null)).toBe(1);
    expect(cache.get(three, null)).toBe(3);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new CompileCache(0)).toThrow(/positive integer/);
  });
});
