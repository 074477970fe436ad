import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { dataOf, errorOf, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let production: TestServer;
/** The production server's error log lines. */
const productionErrors: Record<string, any>[] = [];
beforeAll(async () => {
  const logger = createLogger('error', { write: (line: string) => void productionErrors.push(JSON.parse(line)) });
  [server, production] = await Promise.all([startServer(), startServer({ env: { NODE_ENV: 'production' }, logger })]);
});
afterAll(() => Promise.all([server.close(), production.close()]));

const base = (s: TestServer) => s.url.replace(/\/graphql$/, '');

describe('HTTP', () => {
  it('puts Server-Timing with total, db statements and cache on every GraphQL response', async () => {
    const result = await server.query(`{ stock(symbol: "AAPL") { symbol } }`);
    expect(result.headers.get('server-timing')).toMatch(/^total;dur=[\d.]+, db;dur=[\d.]+;desc="1 queries", cache;desc="(hit|miss)"$/);
    const failed = await server.query(`{ stock(symbol: "??") { symbol } }`);
    expect(failed.headers.get('server-timing')).toMatch(/desc="0 queries"/);
    // Refusals before any GraphQL work carry it too (here a 415).
    const refused = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: 'a,b' });
    expect(refused.status).toBe(415);
    expect(refused.headers.get('server-timing')).toMatch(/^total;dur=[\d.]+, db;dur=0\.00;desc="0 queries", cache;desc="none"$/);
  });

  it('answers GET queries that carry a preflight header, and blocks simple GETs (CSRF prevention)', async () => {
    const query = encodeURIComponent('{ stock(symbol: "MSFT") { name } }');
    const ok = await fetch(`${server.url}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as any).data.stock.name).toMatch(/Microsoft/);
    const blocked = await fetch(`${server.url}?query=${query}`);
    expect(blocked.status).toBe(400);
  });

  it('answers a malformed JSON body with 400 and a GraphQL-shaped error, without a stack trace', async () => {
    const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ stocks' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as any;
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0].message).toMatch(/not valid JSON/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('refuses bodies that are not application/json with 415, and still serves JSON with a charset', async () => {
    for (const contentType of ['application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': contentType }, body: '{"query":"{ stock(symbol: \\"AAPL\\") { symbol } }"}' });
      expect(response.status, contentType).toBe(415);
      const body = (await response.json()) as any;
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
      expect(body.errors[0].message).toMatch(/send the request body as application\/json/);
    }
    const json = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"query":"{ stock(symbol: \\"AAPL\\") { symbol } }"}' });
    expect(((await json.json()) as any).data.stock.symbol).toBe('AAPL');
  });

  it('refuses a body over 100 kB with 413', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ stock(symbol: "AAPL") { symbol } }`, variables: { padding: 'x'.repeat(110_000) } }),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as any).errors[0].message).toMatch(/larger than 102400 bytes/);
  });

  it('reports GraphQL syntax and validation errors with their codes', async () => {
    expect(errorOf(await server.query(`{ stock(symbol: "AAPL") { symbol `)).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(errorOf(await server.query(`{ stock(symbol: "AAPL") { ticker } }`)).extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('is alive at /healthz and ready at /readyz once migrations are applied', async () => {
    const health = await fetch(`${base(server)}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${base(server)}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { database: true, migrations: true } });
  });

  it('exposes Prometheus metrics and Query.metrics', async () => {
    await server.query(`{ stock(symbol: "AAPL") { symbol } }`);
    const text = await (await fetch(`${base(server)}/metrics`)).text();
    expect(text).toMatch(/^stockql_graphql_requests_total \d+$/m);
    const { metrics } = dataOf(await server.query(`{ metrics { uptimeSeconds rssBytes requestCount errorCount stockCount barCount databaseBytes dataUpdatedAt } }`));
    expect(metrics.stockCount).toBeGreaterThanOrEqual(500);
    expect(metrics.barCount).toBeGreaterThan(1_000_000);
    expect(metrics.requestCount).toBeGreaterThan(0);
    expect(metrics.databaseBytes).toBeGreaterThan(0);
    expect(Date.parse(metrics.dataUpdatedAt)).toBeGreaterThan(0);
  });

  it('answers unknown paths with 404', async () => {
    expect((await fetch(`${base(server)}/nope`)).status).toBe(404);
  });
});

describe('response bodies', () => {
  // Without a cache every answer goes through the uncached writer (send-apollo-response.ts); with one, a
  // cacheable answer goes through the edge cache's entry instead. Both must write the same bytes.
  let uncached: TestServer;
  beforeAll(async () => {
    uncached = await startServer({ env: { CACHE_URL: 'off' } });
  });
  afterAll(() => uncached.close());

  /** The raw body text, without any compression (so its bytes are what the writer produced). */
  async function rawBody(body: string, target = server) {
    const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body });
    const text = await response.text();
    expect(Number(response.headers.get('content-length')), 'content-length counts the newline').toBe(Buffer.byteLength(text));
    return { status: response.status, text, timing: response.headers.get('server-timing') ?? '' };
  }

  it.each([
    ['a small answer', '{ stock(symbol: "AAPL") { symbol name } }', true],
    ['a large answer', '{ stock(symbol: "MSFT") { chart(range: ONE_YEAR) { points { time open high low close volume } } } }', true],
    ['a GraphQL error', '{ stock(symbol: "AAPL") { nope } }', false],
  ])('ends %s in exactly one newline after its JSON, as Apollo writes it, cached or not', async (_kind, query, cacheable) => {
    const body = JSON.stringify({ query });
    const fresh = await rawBody(body, uncached);
    await rawBody(body);
    const again = await rawBody(body);
    expect(again.timing.includes('edge;desc="hit"')).toBe(cacheable);
    for (const { text } of [fresh, again]) {
      expect(text.endsWith('}\n')).toBe(true);
      expect(text.endsWith('\n\n')).toBe(false);
      expect(() => JSON.parse(text)).not.toThrow();
    }
    expect(again.text).toBe(fresh.text);
  });

  it('ends an HTTP-level error (written by Apollo itself) in one newline too', async () => {
    const { status, text } = await rawBody(JSON.stringify({ query: 'query Q($s: ID!) { stock(symbol: $s) { symbol } }', variables: '[not an object]' }));
    expect(status).toBe(400);
    expect(text.endsWith('}\n') && !text.endsWith('\n\n')).toBe(true);
  });
});

describe('production mode', () => {
  it('refuses batched requests (HTTP batching is off) and serves single operations', async () => {
    const batch = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ stock(symbol: "AAPL") { symbol } }' }, { query: '{ stock(symbol: "MSFT") { symbol } }' }]),
    });
    expect(batch.status).toBe(400);
    expect(await batch.text()).toMatch(/batching/i);
    expect(dataOf(await server.query('{ stock(symbol: "AAPL") { symbol } }')).stock.symbol).toBe('AAPL');
  });

  it('shows the landing page in development only', async () => {
    const page = (s: TestServer) => fetch(s.url, { headers: { accept: 'text/html' } });
    const development = await page(server);
    expect(development.headers.get('content-type')).toMatch(/text\/html/);
    expect(await development.text()).toMatch(/<html/i);
    const prod = await page(production);
    expect(prod.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
  });

  it('compresses answers of 1 kB or more that the edge cache does not keep, as the client prefers', async () => {
    // An error makes the response uncacheable, so it takes the uncached path.
    const body = JSON.stringify({ query: '{ stocks(first: 40) { nodes { symbol name sector industry } } bad: stock(symbol: "not a symbol!") { name } }' });
    const send = (encoding: string) =>
      new Promise<{ headers: Record<string, any>; bytes: Buffer }>((resolve, reject) => {
        const req = request(server.url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const gzip = await send('gzip');
    const br = await send('br, gzip');
    const plain = await send('identity');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.bytes.length).toBeGreaterThan(1024);
    const decoded = JSON.parse(gunzipSync(gzip.bytes).toString());
    expect(decoded.data.stocks.nodes).toHaveLength(40);
    expect(decoded.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(brotliDecompressSync(br.bytes).equals(plain.bytes)).toBe(true);
  });

  it('turns introspection off', async () => {
    const error = errorOf(await production.query(`{ __schema { types { name } } }`));
    expect(error.message).toMatch(/introspection/i);
  });

  it('masks unexpected errors as INTERNAL_SERVER_ERROR with no message or stack of the original, and logs the original with the request id', async () => {
    const { stocks } = production.app.services.stores;
    const original = stocks.findBySymbols;
    stocks.findBySymbols = async () => {
      throw new Error('disk I/O error at /var/lib/secret.db');
    };
    try {
      const result = await production.query(`{ stock(symbol: "AAPL") { symbol } }`);
      const error = errorOf(result);
      expect(error.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
      expect(error.message).toBe('Unexpected error.');
      expect(JSON.stringify(result.body)).not.toContain('secret');
      const requestId = result.headers.get('x-request-id');
      expect(productionErrors.find((line) => line.requestId === requestId)).toMatchObject({
        level: 'error',
        msg: 'unexpected error while resolving',
        message: 'disk I/O error at /var/lib/secret.db',
        path: ['stock'],
      });
    } finally {
      stocks.findBySymbols = original;
    }
  });

  it('keeps deliberate errors as they are', async () => {
    const error = errorOf(await production.query(`{ stocks(first: 0) { totalCount } }`));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions).not.toHaveProperty('stacktrace');
  });
});
