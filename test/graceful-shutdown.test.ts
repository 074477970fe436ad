/**
 * SIGTERM while a request is running: the request completes, new connections are refused, and the
 * process exits 0 after closing the database and the cache.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startCli, type RunningCli } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'stockql-shutdown-'));
let serve: RunningCli | undefined;
afterAll(async () => {
  await serve?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('stockql serve on SIGTERM', () => {
  it('finishes the request in flight, then exits 0', async () => {
    const databasePath = join(dir, 'stockql.db');
    copyFileSync(inject('templateDatabase'), databasePath);
    // Caches off, so the request really works (about a second of SQL and GraphQL for 400 month charts).
    serve = startCli(['--database', databasePath, 'serve'], { PORT: '0', HOST: '127.0.0.1', CACHE_URL: 'off', INGEST_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_SECOND: '0' });
    const url = (await serve.waitFor(/"url":"(http:\/\/[^"]+)"/, 60_000))[1]!;

    const slow = fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stocks(first: 400) { nodes { symbol chart(range: ONE_MONTH) { points { close } } } } }' }),
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const exited = serve.stop(); // SIGTERM
    const response = await slow;
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    expect(body.data.stocks.nodes).toHaveLength(400);
    expect(body.data.stocks.nodes[399].chart.points.length).toBeGreaterThan(100);

    expect(await exited).toBe(0);
    expect(serve.output()).toMatch(/"signal":"SIGTERM","msg":"stopping"/);
    await expect(fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).rejects.toThrow();
  });
});
