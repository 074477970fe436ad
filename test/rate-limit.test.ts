/**
 * The per-client rate limit: a client over its burst gets 429 with Retry-After and RATE_LIMITED, other
 * clients and the health endpoints are still served, the client is served again once tokens refill, and
 * with Redis the limit holds across API processes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { deleteKeysWithPrefix, REDIS_URL, uniquePrefix } from './cache/helpers.js';
import { startServer, type TestServer } from './helpers/server.js';

const servers: TestServer[] = [];
const prefix = uniquePrefix('rate');
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await deleteKeysWithPrefix(prefix);
});

const post = (url: string, client: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': client },
    body: JSON.stringify({ query: '{ stock(symbol: "AAPL") { symbol } }' }),
  });

describe('the per-client rate limit', () => {
  it('refuses a client over its burst with 429, Retry-After and RATE_LIMITED, and serves everyone else', async () => {
    const server = await startServer({ env: { RATE_LIMIT_PER_SECOND: '2', RATE_LIMIT_BURST: '5', TRUST_PROXY: 'true' } });
    servers.push(server);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(server.url, '10.0.0.1')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const refused = await post(server.url, '10.0.0.1');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('server-timing')).toMatch(/desc="0 queries"/);
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(body.errors[0].message).toMatch(/retry in \d+ s/);

    expect((await post(server.url, '10.0.0.2')).status).toBe(200);
    expect((await fetch(server.url.replace(/\/graphql$/, '/healthz'))).status).toBe(200);

    await new Promise((resolve) => setTimeout(resolve, 600)); // 2 tokens per second: one is back
    expect((await post(server.url, '10.0.0.1')).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const server = await startServer({ env: { RATE_LIMIT_PER_SECOND: '0.01', RATE_LIMIT_BURST: '2' } });
    servers.push(server);
    expect((await post(server.url, 'a')).status).toBe(200);
    expect((await post(server.url, 'b')).status).toBe(200);
    expect((await post(server.url, 'c')).status).toBe(429); // all three come from 127.0.0.1
  });

  it('holds across API processes that share Redis', async () => {
    const env = { RATE_LIMIT_PER_SECOND: '0.01', RATE_LIMIT_BURST: '4', TRUST_PROXY: 'true', CACHE_URL: REDIS_URL, CACHE_KEY_PREFIX: prefix };
    const a = await startServer({ env });
    const b = await startServer({ env });
    servers.push(a, b);
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(i % 2 === 0 ? a.url : b.url, '10.9.9.9')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});
