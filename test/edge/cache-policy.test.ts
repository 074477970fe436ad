import { describe, expect, it } from 'vitest';
import { parseCachePolicy } from '../../src/http/edge/cache-policy.js';

describe('parseCachePolicy', () => {
  it('reads the public and private headers Apollo writes', () => {
    expect(parseCachePolicy('max-age=60, public')).toEqual({ maxAgeSeconds: 60, scope: 'public' });
    expect(parseCachePolicy('max-age=30, private')).toEqual({ maxAgeSeconds: 30, scope: 'private' });
  });

  it('is case- and whitespace-tolerant and takes a max-age without a scope as public', () => {
    expect(parseCachePolicy('  PRIVATE ,Max-Age=5 ')).toEqual({ maxAgeSeconds: 5, scope: 'private' });
    expect(parseCachePolicy('max-age=10')).toEqual({ maxAgeSeconds: 10, scope: 'public' });
    expect(parseCachePolicy('max-age="15", public')).toEqual({ maxAgeSeconds: 15, scope: 'public' });
  });

  it('refuses anything that must not or cannot be cached', () => {
    for (const header of [undefined, '', 'no-store', 'no-cache', 'max-age=60, no-store', 'public', 'max-age=0, public', 'max-age=abc', 'max-age=-5', 'max-age=1.5']) {
      expect(parseCachePolicy(header), String(header)).toBeNull();
    }
  });

  it('uses the first of repeated max-age directives', () => {
    expect(parseCachePolicy('max-age=20, max-age=90')).toEqual({ maxAgeSeconds: 20, scope: 'public' });
  });
});
