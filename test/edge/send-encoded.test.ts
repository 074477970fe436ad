import { once } from 'node:events';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeResponse, type EncodedResponse } from '../../src/http/edge/encode-response.js';
import { sendEncoded } from '../../src/http/edge/send-encoded.js';

const body = JSON.stringify({ data: { quotes: Array.from({ length: 100 }, (_, i) => ({ symbol: `SYM${i}`, price: 50 + i })) } });
const STORED_AT = 1_700_000_000_000;

let entry: EncodedResponse;
/** What the next request is answered with: `now` for sendEncoded, as a test needs it. */
let now = STORED_AT;
const server = createServer((req, res) =>
  sendEncoded(req, res, entry, { now, serverTiming: 'cache;desc="hit"', extraHeaders: { 'X-Edge': 'hit' } }),
);
let url: string;

beforeAll(async () => {
  entry = await encodeResponse({ status: 200, contentType: 'application/json; charset=utf-8', cacheControl: 'max-age=60, public', body, maxAgeSeconds: 60, now: STORED_AT });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  server.close();
  await once(server, 'close');
});

/** A raw request, so the test sees the bytes on the wire rather than what fetch decoded. */
async function raw(method: string, headers: Record<string, string>): Promise<{ status: number; headers: IncomingHttpHeaders; bytes: Buffer }> {
  const req = request(url, { method, headers });
  req.end();
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return { status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) };
}

describe('sendEncoded', () => {
  it('a client that accepts br gets the brotli body, which decodes to the response', async () => {
    now = STORED_AT;
    const response = await fetch(url, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(response.headers.get('content-length')).toBe(String(entry.br!.length));
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('vary')).toBe('Accept, Accept-Encoding');
    expect(response.headers.get('etag')).toBe(entry.etag);
    expect(response.headers.get('cache-control')).toBe('max-age=60, public');
    expect(response.headers.get('server-timing')).toBe('cache;desc="hit"');
    expect(response.headers.get('x-edge')).toBe('hit');
    expect(await response.text()).toBe(body);
  });

  it('a client that only takes gzip gets gzip, and one that names no coding gets the plain body', async () => {
    const gzip = await raw('GET', { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.bytes.equals(entry.gzip!)).toBe(true);
    const plain = await raw('GET', {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.toString('utf8')).toBe(body);
    expect(plain.headers['content-length']).toBe(String(Buffer.byteLength(body)));
  });

  it('answers a matching If-None-Match with a bodiless 304 that keeps the validators', async () => {
    const response = await raw('GET', { 'if-none-match': `"other", ${entry.etag}`, 'accept-encoding': 'br' });
    expect(response.status).toBe(304);
    expect(response.bytes.length).toBe(0);
    expect(response.headers).toMatchObject({ etag: entry.etag, 'cache-control': 'max-age=60, public', vary: 'Accept, Accept-Encoding', 'server-timing': 'cache;desc="hit"', age: '0' });
    expect(response.headers['content-encoding']).toBeUndefined();
    const stale = await raw('GET', { 'if-none-match': '"other"' });
    expect(stale.status).toBe(200);
  });

  it('sends the full answer to a POST even when If-None-Match matches', async () => {
    const response = await raw('POST', { 'if-none-match': entry.etag });
    expect(response.status).toBe(200);
    expect(response.bytes.toString('utf8')).toBe(body);
  });

  it('reports Age as whole seconds since the entry was stored', async () => {
    now = STORED_AT + 42_900;
    expect((await raw('GET', {})).headers.age).toBe('42');
    now = STORED_AT - 5_000; // a clock step backwards never yields a negative Age
    expect((await raw('GET', {})).headers.age).toBe('0');
    now = STORED_AT;
  });

  it('answers HEAD with the headers a GET would get and no body', async () => {
    const response = await raw('HEAD', { 'accept-encoding': 'gzip, br' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.headers['content-length']).toBe(String(entry.br!.length));
    expect(response.bytes.length).toBe(0);
  });
});
