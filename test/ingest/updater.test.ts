/**
 * The background updater: inside `stockql serve` it commits fresh data that the API serves at once; as
 * `stockql worker` it runs alone — a second worker says another holds the lease, waits, and takes over
 * when the first stops.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startCli, type RunningCli } from '../helpers/cli.js';
import { dataOf, startServer } from '../helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'stockql-updater-'));
const running: RunningCli[] = [];
afterAll(async () => {
  await Promise.all(running.map((cli) => cli.stop()));
  rmSync(dir, { recursive: true, force: true });
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the ingest updater', () => {
  it('runs inside the API, and the API serves what it committed', async () => {
    // An open market (a Monday morning on a minute-per-second clock): every round has new prices to commit.
    // On the real clock a weekend run would commit nothing, and a round that changes nothing moves no version.
    const server = await startServer({ env: { INGEST_INTERVAL_SECONDS: '1', MARKET_CLOCK_START: '2026-11-30T15:00:00Z', MARKET_CLOCK_SPEED: '60' } });
    try {
      // While the updater's first round writes the whole market, a busy test machine can stall the server
      // long enough for a pooled keep-alive connection to be reset under a new request; a read is safe to
      // send again, and what this test is about is the data, not that race.
      const read = () => server.query(`query V${Date.now()} { metrics { dataVersion dataUpdatedAt } }`);
      const version = async () => dataOf(await read().catch(read)).metrics;
      const before = await version();
      let after = before;
      for (let i = 0; i < 100 && after.dataVersion === before.dataVersion; i++) {
        await wait(100);
        after = await version();
      }
      expect(after.dataVersion).toBeGreaterThan(before.dataVersion);
      expect(after.dataUpdatedAt).not.toBe(before.dataUpdatedAt);
      expect(server.app.updater).not.toBeNull();
      const { stock } = dataOf(await server.query('{ stock(symbol: "AAPL") { quote { price updatedAt } chart(range: ONE_DAY) { points { close } } } }'));
      expect(stock.quote.price).toBeGreaterThan(0);
      expect(stock.chart.points.length).toBeGreaterThan(0);
      // Its rounds are counted in /metrics (once the first round has finished all its ranges).
      let metrics = '';
      for (let i = 0; i < 100 && !/^stockql_ingest_symbols_total\{result="fetched"\} [1-9]/m.test(metrics); i++) {
        await wait(100);
        metrics = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
      }
      expect(metrics).toMatch(/^stockql_ingest_symbols_total\{result="fetched"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^stockql_ingest_requests_total [1-9]\d*$/m);
    } finally {
      await server.close();
    }
  });

  it('runs once per database: a second worker waits, then takes over when the first stops', async () => {
    const databasePath = join(dir, 'workers.db');
    copyFileSync(inject('templateDatabase'), databasePath);
    const env = { INGEST_INTERVAL_SECONDS: '1', MARKET_PROVIDER: 'synthetic' };
    const first = startCli(['--database', databasePath, 'worker'], env);
    running.push(first);
    await first.waitFor(/"ingest updater ran"/, 60_000);
    const second = startCli(['--database', databasePath, 'worker'], env);
    running.push(second);
    await second.waitFor(/another ingest updater is running; waiting/, 60_000);
    expect(second.output()).not.toMatch(/"ingest updater ran"/);
    expect(await first.stop()).toBe(0);
    await second.waitFor(/ingest updater took over the lease/, 30_000);
    await second.waitFor(/"ingest updater ran"/, 30_000);
    expect(await second.stop()).toBe(0);
  });
});
