import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { dataOf, errorOf, startServer, type TestServer } from './helpers/server.js';

const query = '{ stock(symbol: "MSFT") { symbol name } }';
const sha256Hash = createHash('sha256').update(query).digest('hex');
const extensions = { persistedQuery: { version: 1, sha256Hash } };

async function postApq(server: TestServer, withQuery: boolean) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(withQuery ? { query, extensions } : { extensions }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
}

const servers: TestServer[] = [];
const prefix = `stockql-test-apq-${process.pid}-${Date.now()}:`;
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  // Only this run's keys.
  const keys = spawnSync('redis-cli', ['-h', '127.0.0.1', '--scan', '--pattern', `${prefix}*`], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  if (keys.length) spawnSync('redis-cli', ['-h', '127.0.0.1', 'DEL', ...keys]);
});

describe('automatic persisted queries', () => {
  it('asks for the query the first time, then answers the hash alone, by POST and by GET', async () => {
    const server = await startServer();
    servers.push(server);
    const unknown = await postApq(server, false);
    expect(errorOf(unknown).extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(dataOf(await postApq(server, true)).stock.symbol).toBe('MSFT');
    expect(dataOf(await postApq(server, false)).stock.name).toMatch(/Microsoft/);
    const get = await fetch(`${server.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(200);
    expect(((await get.json()) as any).data.stock.symbol).toBe('MSFT');
  });

  it('shares registered queries between processes through Redis', async () => {
    const env = { CACHE_URL: 'redis://127.0.0.1:6379', CACHE_KEY_PREFIX: prefix };
    const [a, b] = await Promise.all([startServer({ env }), startServer({ env })]);
    servers.push(a!, b!);
    expect(errorOf(await postApq(b!, false)).extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(dataOf(await postApq(a!, true)).stock.symbol).toBe('MSFT');
    expect(dataOf(await postApq(b!, false)).stock.symbol).toBe('MSFT');
  });
});
