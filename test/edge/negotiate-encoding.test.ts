import { describe, expect, it } from 'vitest';
import { negotiateEncoding, type ContentEncoding } from '../../src/http/edge/negotiate-encoding.js';

describe('negotiateEncoding', () => {
  const table: Array<[string | undefined, ContentEncoding]> = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['deflate', 'identity'],
    ['br;q=0.5, gzip;q=0.8', 'gzip'],
    ['gzip;q=0.8, br;q=0.8', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['*;q=0', 'identity'],
    ['identity', 'identity'],
    ['identity;q=1, gzip;q=0.5', 'identity'],
    ['identity;q=0.5, gzip', 'gzip'],
    ['identity;q=0', 'identity'],
    ['  GZIP ;  Q=0.9 ,  Br ; q = 0.1 ', 'gzip'],
    ['x-gzip', 'gzip'],
    ['br;q=abc, gzip;q=0.2', 'gzip'],
    ['br;q=2, gzip;q=0.2', 'gzip'],
  ];
  it.each(table)('Accept-Encoding %j gets %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});
