/**
 * The API with its Redis gone: requests are answered from the database (errors counted, never shown to
 * clients), and caching resumes when Redis returns. The Redis is this test's own, on a spare port.
 */
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startServer, statementCount, type TestServer } from '../helpers/server.js';
import { startRedis, stopRedis, uniquePrefix, wait } from './helpers.js';

const SPARE_PORT = 6393;
let redis: ChildProcess | undefined;
let server: TestServer;

beforeAll(async () => {
  redis = await startRedis(SPARE_PORT);
  server = await startServer({ env: { CACHE_URL: `redis://127.0.0.1:${SPARE_PORT}`, CACHE_KEY_PREFIX: uniquePrefix('outage') } });
});
afterAll(async () => {
  await server.close();
  await stopRedis(redis);
});

let counter = 0;
/** A document never sent before, so the edge cache cannot answer and the loaders must. */
const fresh = (selection: string) => server.query(`query Q${counter++} { ${selection} }`);
const cacheErrors = async () =>
  dataOf(await fresh('metrics { cache { namespace errors } }')).metrics.cache.reduce((sum: number, row: { errors: number }) => sum + row.errors, 0);

describe('the API when Redis stops and comes back', () => {
  it('keeps answering from the database, then caches again', async () => {
    const selection = 'stock(symbol: "IBM") { symbol quote { price } }';
    const cold = await fresh(selection);
    const price = dataOf(cold).stock.quote.price;
    expect(statementCount((await fresh(selection)).headers)).toBe(0); // cached in Redis

    const readiness = async () => (await fetch(server.url.replace(/\/graphql$/, '/readyz'))).json() as Promise<any>;
    expect(await readiness()).toMatchObject({ status: 'ready', checks: { cache: true }, degraded: [] });

    await stopRedis(redis);
    const errorsBefore = await cacheErrors();
    const degraded = await fetch(server.url.replace(/\/graphql$/, '/readyz'));
    expect(degraded.status).toBe(200);
    expect(await degraded.json()).toMatchObject({ status: 'ready', checks: { cache: false }, degraded: ['cache'] });
    for (let i = 0; i < 3; i++) {
      const during = await fresh(selection);
      expect(during.status).toBe(200);
      expect(dataOf(during).stock.quote.price).toBe(price);
      expect(statementCount(during.headers)).toBeGreaterThan(0);
    }
    expect(await cacheErrors()).toBeGreaterThan(errorsBefore);

    redis = await startRedis(SPARE_PORT); // empty: it keeps no data across restarts
    let cachedAgain = false;
    for (let attempt = 0; attempt < 50 && !cachedAgain; attempt++) {
      await fresh(selection); // fills the cache once the client has reconnected
      cachedAgain = statementCount((await fresh(selection)).headers) === 0;
      if (!cachedAgain) await wait(100);
    }
    expect(cachedAgain).toBe(true);
    expect(await readiness()).toMatchObject({ checks: { cache: true }, degraded: [] });
  });
});
