import { describe, expect, it } from 'vitest';
import { responseCacheKey, type RequestKeyParts } from '../../src/http/edge/request-key.js';

const base: RequestKeyParts = { dataVersion: 1, indexVersion: 1, method: 'POST', search: '', body: Buffer.from('{"query":"{ ping }"}'), accept: 'application/json' };

describe('responseCacheKey', () => {
  it('gives the same key for byte-identical requests', () => {
    expect(responseCacheKey({ ...base, body: Buffer.from('{"query":"{ ping }"}') })).toBe(responseCacheKey(base));
    expect(responseCacheKey(base)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('changes with every part', () => {
    const variants: RequestKeyParts[] = [
      base,
      { ...base, dataVersion: 2 },
      { ...base, indexVersion: 2 },
      { ...base, method: 'GET' },
      { ...base, search: '?query=%7Bping%7D' },
      { ...base, body: Buffer.from('{"query":"{ping}"}') },
      { ...base, body: undefined },
      { ...base, body: Buffer.alloc(0) },
      { ...base, accept: 'application/graphql-response+json' },
      { ...base, accept: undefined },
      { ...base, accept: '' },
    ];
    expect(new Set(variants.map(responseCacheKey)).size).toBe(variants.length);
  });

  it('does not let a boundary shift between parts collide', () => {
    const a = responseCacheKey({ ...base, search: 'a', body: Buffer.from('bc') });
    const b = responseCacheKey({ ...base, search: 'ab', body: Buffer.from('c') });
    expect(a).not.toBe(b);
  });
});
