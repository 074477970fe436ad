import { describe, expect, it } from 'vitest';
import { entityTag, ifNoneMatchMatches } from '../../src/http/edge/etag.js';

describe('entityTag', () => {
  it('is a quoted 27-character base64url digest that changes with the body', () => {
    const tag = entityTag(Buffer.from('{"data":{}}'));
    expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(entityTag(Buffer.from('{"data":{}}'))).toBe(tag);
    expect(entityTag(Buffer.from('{"data":null}'))).not.toBe(tag);
  });
});

describe('ifNoneMatchMatches', () => {
  const etag = '"abc"';
  const table: Array<[string | undefined, boolean]> = [
    [undefined, false],
    ['', false],
    ['"abc"', true],
    ['"abd"', false],
    ['*', true],
    ['W/"abc"', true],
    ['"x", "abc"', true],
    ['"x",W/"abc"  ', true],
    ['"x", "y"', false],
    ['"a,b", "abc"', true],
    ['"abc', false],
  ];
  it.each(table)('If-None-Match %j against "abc" is %s', (header, expected) => {
    expect(ifNoneMatchMatches(header, etag)).toBe(expected);
  });

  it('compares weakly when our own tag is weak', () => {
    expect(ifNoneMatchMatches('"abc"', 'W/"abc"')).toBe(true);
  });
});
