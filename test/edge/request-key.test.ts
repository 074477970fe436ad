import { describe, expect, it } from 'vitest';
import { responseCacheKey, type RequestKeyParts } from '../../src/http/edge/request-key.js';

const base: RequestKeyParts = { method: 'POST', search: '', body: Buffer.from('{"query":"{ ping }"}'), accept: 'application/json' };

describe('responseCacheKey', () => {
  it('gives the same key for byte-identical requests', () => {
    expect(responseCacheKey({ ...base, body: Buffer.from('{"query":"{ ping }"}') })).toBe(responseCacheKey(base));
  });

  it('keeps long requests short: their key is a digest', () => {
    const long = { ...base, body: Buffer.from(`{"query":"{ ${'ping '.repeat(500)}}"}`) };
    expect(responseCacheKey(long)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(responseCacheKey({ ...long, body: Buffer.from(`{"query":"{ ${'ping '.repeat(499)}pong }"}`) })).not.toBe(responseCacheKey(long));
  });

  it('changes with every part', () => {
    const variants: RequestKeyParts[] = [
      base,
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

  it('tells bytes apart exactly, including ones that are not valid UTF-8', () => {
    const a = responseCacheKey({ ...base, body: Buffer.from([0xc3, 0x28]) });
    const b = responseCacheKey({ ...base, body: Buffer.from([0xc3, 0x29]) });
    expect(a).not.toBe(b);
  });
});
