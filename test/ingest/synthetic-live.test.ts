/**
 * The embedded market trading on: the updater's ingest runs with the synthetic provider at two moments
 * of a Monday session, and the API serves what they committed — prices move, minute bars appear, the
 * day's bar grows on the year chart and closes at 16:00 New York.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createFetchPolicy } from '../../src/modules/market/ingest/create-provider.js';
import { runIngest } from '../../src/modules/market/ingest/ingest.service.js';
import { createSyntheticProvider } from '../../src/modules/market/ingest/synthetic/synthetic-provider.js';
import { UPDATER_RANGES } from '../../src/modules/market/ingest/updater.js';
import { TEST_SEED } from '../helpers/constants.js';
import { dataOf, startServer, type TestServer } from '../helpers/server.js';
import { newYork } from './synthetic/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'stockql-live-'));
let server: TestServer;

beforeAll(async () => {
  const databasePath = join(dir, 'stockql.db');
  copyFileSync(inject('templateDatabase'), databasePath);
  server = await startServer({ databasePath });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One updater round at `nowMs`, through the server's own stores (so its caches see the commits). */
async function updateAt(nowMs: number): Promise<void> {
  const { stores } = server.app.services;
  const now = () => nowMs;
  const provider = createSyntheticProvider({ seed: TEST_SEED, anchorOf: (symbol, before) => stores.ingest.syntheticAnchor(symbol, before), now });
  const policy = createFetchPolicy({ provider: 'synthetic', yahooBaseUrl: 'http://127.0.0.1:9', concurrency: 10, ratePerSecond: null, timeoutMs: 10_000, marketSeed: TEST_SEED });
  for (const range of UPDATER_RANGES) {
    const summary = await runIngest(stores, { provider, policy, symbols: ['AAPL', 'MSFT'], range, now });
    expect(summary.failed, range).toEqual([]);
    expect(summary.rejected, range).toEqual([]);
    expect(summary.updated, range).toBe(2);
  }
}

const view = async () =>
  dataOf(
    await server.query(`{ stock(symbol: "AAPL") {
      quote { price updatedAt }
      today: chart(range: ONE_DAY) { points { time close } }
      week: chart(range: FIVE_DAYS) { points { time } }
      year: chart(range: ONE_YEAR) { points { time close } }
    } }`),
  ).stock;

describe('the synthetic market during a session', () => {
  it('moves prices, adds minute bars and grows the day’s bar until it closes', async () => {
    const seeded = await view();
    await updateAt(newYork('2026-11-30', '11:00'));
    const morning = await view();
    await updateAt(newYork('2026-11-30', '14:00'));
    const afternoon = await view();
    await updateAt(newYork('2026-11-30', '16:30'));
    const closed = await view();

    // The quote follows the clock, and so does the price.
    expect(morning.quote.updatedAt).toBe(new Date(newYork('2026-11-30', '11:00')).toISOString());
    expect(afternoon.quote.updatedAt).toBe(new Date(newYork('2026-11-30', '14:00')).toISOString());
    expect(new Set([seeded.quote.price, morning.quote.price, afternoon.quote.price]).size).toBe(3);
    // The one-day chart is Monday's session, minute by minute, as far as it has gone.
    expect(morning.today.points).toHaveLength(90);
    expect(afternoon.today.points).toHaveLength(270);
    expect(closed.today.points).toHaveLength(390);
    expect(afternoon.today.points.slice(0, 90)).toEqual(morning.today.points);
    expect(afternoon.today.points.at(-1).close).toBe(afternoon.quote.price);
    // Five-minute bars of the new session join the five-day chart.
    expect(afternoon.week.points.length).toBeGreaterThan(morning.week.points.length);
    // The year chart gains Monday's bar, which tracks the price and, after 16:00, is the close.
    const monday = (year: typeof morning.year) => year.points.at(-1);
    expect(monday(morning.year).time).toBe(new Date(newYork('2026-11-30', '09:30')).toISOString());
    expect(monday(morning.year).close).toBe(morning.quote.price);
    expect(monday(afternoon.year).close).toBe(afternoon.quote.price);
    expect(closed.year.points).toHaveLength(afternoon.year.points.length);
    expect(monday(closed.year).close).toBe(closed.quote.price);
    expect(closed.quote.updatedAt).toBe(new Date(newYork('2026-11-30', '16:00')).toISOString());
  });
});
