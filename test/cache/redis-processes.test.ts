/**
 * Two API processes on one database file and the machine's Redis (a key prefix unique to this run; only
 * those keys are deleted): a burst of cold requests split across both reads the key from SQLite once,
 * and a commit is visible in both at once, within every TTL.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { writeQuotePrice } from '../helpers/market-write.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { deleteKeysWithPrefix, REDIS_URL, uniquePrefix } from './helpers.js';

const prefix = uniquePrefix('api');
const dir = mkdtempSync(join(tmpdir(), 'stockql-redis-'));
const databasePath = join(dir, 'stockql.db');
let servers: ServerProcess[] = [];

beforeAll(async () => {
  copyFileSync(inject('templateDatabase'), databasePath);
  const env = { CACHE_URL: REDIS_URL, CACHE_KEY_PREFIX: prefix };
  servers = await Promise.all([startServerProcess(databasePath, env), startServerProcess(databasePath, env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await deleteKeysWithPrefix(prefix);
  rmSync(dir, { recursive: true, force: true });
});

async function data(server: ServerProcess, query: string): Promise<any> {
  const body = (await (await server.post({ query })).json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function stockLoads(server: ServerProcess, label: string): Promise<number> {
  const { metrics } = await data(server, `query ${label} { metrics { cacheMode cache { namespace loads } } }`);
  expect(metrics.cacheMode).toBe('redis');
  return metrics.cache.find((row: { namespace: string }) => row.namespace === 'stock').loads;
}

describe('two API processes sharing Redis', () => {
  it('load a key cold in both at once from the database only once', async () => {
    const before = (await stockLoads(servers[0]!, 'A0')) + (await stockLoads(servers[1]!, 'B0'));
    // Distinct documents, so the edge cache and per-request loaders cannot merge them: only the cache
    // layer's single-flight (within a process) and its Redis lock (across the two) can.
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => data(servers[i % 2]!, `{ s${i}: stock(symbol: "ORCL") { symbol quote { price } } }`)),
    );
    expect(new Set(responses.map((r, i) => r[`s${i}`].quote.price)).size).toBe(1);
    const after = (await stockLoads(servers[0]!, 'A1')) + (await stockLoads(servers[1]!, 'B1'));
    expect(after - before).toBe(1);
  });

  it('both show a committed quote at once, within the TTL', async () => {
    const query = '{ stock(symbol: "KO") { quote { price } } }';
    const original = (await data(servers[0]!, query)).stock.quote.price;
    for (const server of servers) expect((await data(server, query)).stock.quote.price).toBe(original); // now cached in both
    await writeQuotePrice(databasePath, 'KO', original + 7.5);
    for (const server of servers) expect((await data(server, query)).stock.quote.price).toBeCloseTo(original + 7.5, 6);
  });
});
