/**
 * Turns a complete Apollo response into the form the edge cache keeps: the body once as it is and once
 * per compression, so a cache hit costs a lookup and a write, never a compression.
 *
 * Compression runs on libuv's thread pool (zlib's async functions), so encoding a large response does
 * not stall other requests on the event loop; gzip and brotli run side by side.
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { entityTag } from './etag.js';
import type { ContentEncoding } from './negotiate-encoding.js';

export interface EncodedResponse {
  /** Always 200 for cached entries; kept so the entry describes the whole response. */
  status: number;
  /** As Apollo sent it, e.g. `application/json; charset=utf-8`. */
  contentType: string;
  /** The header to send, e.g. `max-age=60, public`. */
  cacheControl: string;
  etag: string;
  identity: Buffer;
  /** null when the body is shorter than `minCompressBytes`. */
  gzip: Buffer | null;
  br: Buffer | null;
  /** Date.now() ms when encoded. */
  storedAt: number;
  /** storedAt + maxAgeSeconds * 1000. */
  expiresAt: number;
  /** identity + gzip + br byte lengths + a fixed overhead estimate, for the cache's byte budget */
  sizeBytes: number;
  /** The GraphQL operation it answers (for metrics and logs of edge hits); null when anonymous. */
  operationName?: string | null;
  /**
   * What the answer was built from: every data tag it read, at the version read (src/cache/freshness.ts),
   * and the data set's identity. The edge cache serves it only while all of them are still current.
   */
  deps?: ReadonlyMap<string, number>;
  databaseId?: string;
}

/**
 * Below about 1 kB compression saves less than a packet and costs a thread-pool round trip, and a tiny
 * gzip can be larger than its input.
 */
export const MIN_COMPRESS_BYTES = 1024;

/** What an entry costs beyond its bodies: the object, its strings and the store's Map slot, roughly. */
const ENTRY_OVERHEAD_BYTES = 512;

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

// Level 6 and quality 5 are the usual "dynamic content" settings: most of the size win for a small
// share of the CPU that the maximum levels take. Text mode tunes brotli for UTF-8 such as JSON.
const gzipBody = (body: Buffer): Promise<Buffer> => gzipAsync(body, { level: 6 });
const brotliBody = (body: Buffer): Promise<Buffer> =>
  brotliAsync(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });

/** The body in one coding, for responses the handler sends without caching them. */
export function compressFor(encoding: ContentEncoding, body: Buffer): Promise<Buffer> {
  switch (encoding) {
    case 'br':
      return brotliBody(body);
    case 'gzip':
      return gzipBody(body);
    case 'identity':
      return Promise.resolve(body);
  }
}

export async function encodeResponse(input: {
  status: number;
  contentType: string;
  cacheControl: string;
  body: string;
  maxAgeSeconds: number;
  now?: number;
  minCompressBytes?: number;
}): Promise<EncodedResponse> {
  const storedAt = input.now ?? Date.now();
  const identity = Buffer.from(input.body, 'utf8');
  const compress = identity.length >= (input.minCompressBytes ?? MIN_COMPRESS_BYTES);
  const [gzipped, brotli]: [Buffer | null, Buffer | null] = compress
    ? await Promise.all([gzipBody(identity), brotliBody(identity)])
    : [null, null];
  return {
    status: input.status,
    contentType: input.contentType,
    cacheControl: input.cacheControl,
    etag: entityTag(identity),
    identity,
    gzip: gzipped,
    br: brotli,
    storedAt,
    expiresAt: storedAt + input.maxAgeSeconds * 1000,
    sizeBytes: identity.length + (gzipped?.length ?? 0) + (brotli?.length ?? 0) + ENTRY_OVERHEAD_BYTES,
  };
}
