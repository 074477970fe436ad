/**
 * The edge cache in front of Apollo, spoken to over real HTTP: whole responses kept and replayed with
 * validators, compression and Cache-Control from the schema's hints; never an error, never past a commit,
 * never for a request Apollo's CSRF rule would refuse.
 */
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeQuotePrice } from '../helpers/market-write.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP exchange (fetch would hide Content-Encoding by decoding it). */
function send(method: 'GET' | 'POST', path: string, headers: Record<string, string>, body?: string): Promise<RawResponse> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const post = (query: string, headers: Record<string, string> = {}, variables?: object) =>
  send('POST', '/graphql', { 'content-type': 'application/json', ...headers }, JSON.stringify({ query, variables }));
const isEdgeHit = (r: RawResponse) => String(r.headers['server-timing']).includes('edge;desc="hit"');
const json = (r: RawResponse) => JSON.parse(r.body.toString('utf8'));

describe('the edge cache', () => {
  it('answers a repeated operation from stored bytes, with the same ETag, an Age and 0 SQL statements', async () => {
    const query = '{ stock(symbol: "AAPL") { symbol name quote { price } } }';
    const first = await post(query);
    const second = await post(query);
    expect(isEdgeHit(first)).toBe(false);
    expect(isEdgeHit(second)).toBe(true);
    expect(second.body.equals(first.body)).toBe(true);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(Number(second.headers.age)).toBeGreaterThanOrEqual(0);
    expect(second.headers['server-timing']).toContain('desc="0 queries"');
    expect(second.headers['server-timing']).toContain('cache;desc="hit"');
    expect(json(second).data.stock.symbol).toBe('AAPL');
  });

  it('takes Cache-Control from the schema: quotes short, company facts long, charts by range, metrics never', async () => {
    const maxAge = async (query: string) => (await post(query)).headers['cache-control'];
    expect(await maxAge('{ stock(symbol: "MSFT") { name sector } }')).toBe('max-age=3600, public');
    expect(await maxAge('{ stock(symbol: "MSFT") { name quote { price } } }')).toBe('max-age=30, public');
    expect(await maxAge('{ stock(symbol: "MSFT") { chart(range: ONE_DAY) { points { close } } } }')).toBe('max-age=60, public');
    expect(await maxAge('{ stock(symbol: "MSFT") { chart(range: FIVE_YEARS) { points { close } } } }')).toBe('max-age=3600, public');
    expect(await maxAge('{ stock(symbol: "MSFT") { charts(ranges: [FIVE_YEARS, ONE_MONTH]) { range } } }')).toBe('max-age=300, public');
    expect(await maxAge('{ sectors { sector stockCount } }')).toBe('max-age=60, public');
    const metrics = '{ metrics { requestCount } }';
    expect(await maxAge(metrics)).toBe('no-store');
    expect(isEdgeHit(await post(metrics))).toBe(false);
  });

  it('answers If-None-Match with 304 Not Modified', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ stock(symbol: "GOOGL") { name } }')}`;
    const headers = { 'apollo-require-preflight': 'true' };
    const first = await send('GET', path, headers);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    const revalidated = await send('GET', path, { ...headers, 'if-none-match': etag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.etag).toBe(etag);
    expect(revalidated.headers['cache-control']).toBe('max-age=3600, public');
    expect((await send('GET', path, { ...headers, 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('sends the stored brotli or gzip bytes to clients that accept them, and plain bytes to others', async () => {
    const query = '{ stocks(first: 50) { nodes { symbol name sector quote { price } } } }';
    const plain = await post(query, { 'accept-encoding': 'identity' });
    const br = await post(query, { 'accept-encoding': 'gzip, br' });
    const gzip = await post(query, { 'accept-encoding': 'gzip' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(isEdgeHit(br) && isEdgeHit(gzip)).toBe(true);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    expect(br.body.length).toBeLessThan(plain.body.length / 3);
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
  });

  it('never keeps a response with errors', async () => {
    const bad = '{ stock(symbol: "not a symbol!") { name } }';
    const first = await post(bad);
    const second = await post(bad);
    expect(json(first).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(first.headers['cache-control']).toBe('no-store');
    expect(isEdgeHit(second)).toBe(false);
  });

  it('never answers a request that Apollo would refuse as CSRF, even when the same GET is stored', async () => {
    const path = `/graphql?query=${encodeURIComponent('{ stock(symbol: "AMZN") { name } }')}`;
    await send('GET', path, { 'apollo-require-preflight': 'true' });
    expect(isEdgeHit(await send('GET', path, { 'apollo-require-preflight': 'true' }))).toBe(true);
    const forged = await send('GET', path, {});
    expect(forged.status).toBe(400);
    expect(forged.body.toString()).toMatch(/CSRF|preflight/i);
  });

  it('makes GET requests with a persisted-query hash cacheable by a CDN', async () => {
    const query = '{ stock(symbol: "NFLX") { name quote { price } } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }));
    const headers = { 'apollo-require-preflight': 'true' };
    const unknown = await send('GET', `/graphql?extensions=${extensions}`, headers);
    expect(json(unknown).errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(isEdgeHit(await send('GET', `/graphql?extensions=${extensions}`, headers))).toBe(false);
    const register = await send('POST', '/graphql', { 'content-type': 'application/json' }, JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }));
    expect(json(register).data.stock.name).toBeTruthy();
    const first = await send('GET', `/graphql?extensions=${extensions}`, headers);
    const second = await send('GET', `/graphql?extensions=${extensions}`, headers);
    expect(json(first).data.stock.name).toBe(json(register).data.stock.name);
    expect(first.headers['cache-control']).toBe('max-age=30, public');
    expect(first.headers.etag).toBeTruthy();
    expect(isEdgeHit(second)).toBe(true);
  });

  it('never serves a response older than the last commit', async () => {
    const query = '{ stock(symbol: "WMT") { quote { price } } }';
    const before = json(await post(query)).data.stock.quote.price;
    expect(isEdgeHit(await post(query))).toBe(true);
    await writeQuotePrice(server.databasePath, 'WMT', before + 5);
    const after = await post(query);
    expect(isEdgeHit(after)).toBe(false);
    expect(json(after).data.stock.quote.price).toBeCloseTo(before + 5, 6);
  });
});
