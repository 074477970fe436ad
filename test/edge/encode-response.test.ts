import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressFor, encodeResponse, MIN_COMPRESS_BYTES } from '../../src/http/edge/encode-response.js';
import { entityTag } from '../../src/http/edge/etag.js';

const bigBody = JSON.stringify({ data: { quotes: Array.from({ length: 200 }, (_, i) => ({ symbol: `SYM${i}`, price: 100 + i })) } });

function encode(body: string, extra: { now?: number; minCompressBytes?: number } = {}) {
  return encodeResponse({ status: 200, contentType: 'application/json; charset=utf-8', cacheControl: 'max-age=60, public', body, maxAgeSeconds: 60, ...extra });
}

describe('encodeResponse', () => {
  it('keeps a large body in gzip and brotli forms that decode back to it', async () => {
    const entry = await encode(bigBody, { now: 1_000 });
    expect(entry.identity.toString('utf8')).toBe(bigBody);
    expect(gunzipSync(entry.gzip!).toString('utf8')).toBe(bigBody);
    expect(brotliDecompressSync(entry.br!).toString('utf8')).toBe(bigBody);
    expect(entry.br!.length).toBeLessThan(entry.identity.length);
    expect(entry.gzip!.length).toBeLessThan(entry.identity.length);
  });

  it('records the headers, the ETag of the identity body, the expiry and the size', async () => {
    const entry = await encode(bigBody, { now: 1_000 });
    expect(entry).toMatchObject({ status: 200, contentType: 'application/json; charset=utf-8', cacheControl: 'max-age=60, public', storedAt: 1_000, expiresAt: 61_000 });
    expect(entry.etag).toBe(entityTag(Buffer.from(bigBody)));
    expect(entry.sizeBytes).toBeGreaterThan(entry.identity.length + entry.gzip!.length + entry.br!.length);
  });

  it('does not compress a body below the threshold', async () => {
    const small = '{"data":{"ping":true}}';
    expect(small.length).toBeLessThan(MIN_COMPRESS_BYTES);
    const entry = await encode(small);
    expect(entry.gzip).toBeNull();
    expect(entry.br).toBeNull();
    expect(entry.identity.toString()).toBe(small);
    expect((await encode(small, { minCompressBytes: 1 })).br).not.toBeNull();
  });

  it('measures the threshold in bytes, not characters', async () => {
    const body = 'é'.repeat(600); // 600 characters, 1200 UTF-8 bytes
    expect((await encode(body)).gzip).not.toBeNull();
  });
});

describe('compressFor', () => {
  it('compresses for the chosen coding and leaves identity alone', async () => {
    const body = Buffer.from(bigBody);
    expect(brotliDecompressSync(await compressFor('br', body)).toString()).toBe(bigBody);
    expect(gunzipSync(await compressFor('gzip', body)).toString()).toBe(bigBody);
    expect(await compressFor('identity', body)).toBe(body);
  });
});
