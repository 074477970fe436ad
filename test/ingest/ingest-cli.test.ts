/**
 * `stockql ingest` against a hostile Yahoo: a loopback server in Yahoo's chart format answering some
 * symbols well, some after 429s, 503s, resets and hangs, and some with payloads that must never reach
 * users. Every good symbol is stored, every bad payload is rejected with its reason and leaves the old
 * data, and the server never sees more requests per second or in flight than configured.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import type { StockRow } from '../../src/db/schema.js';
import { createStockStore } from '../../src/modules/stocks/stocks.store.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { goodChart, startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';

const dir = mkdtempSync(join(tmpdir(), 'stockql-ingest-'));
const databasePath = join(dir, 'stockql.db');
let yahoo: FakeYahoo;
let before: Map<string, StockRow>;
let after: Map<string, StockRow>;
let run: CliResult;

const GOOD = ['AAPL', 'MSFT', 'NVDA', 'GOOGL', 'AMZN', 'META', 'TSLA'];
const REJECTED = ['KO', 'PEP', 'WMT'];
const FAILED = ['JPM', 'XOM', 'V'];
const CONCURRENCY = 3;
const RATE = 20;

async function readStocks(): Promise<Map<string, StockRow>> {
  const database = openDatabase(databasePath);
  try {
    const rows = await createStockStore(database.db).findBySymbols([...GOOD, ...REJECTED, ...FAILED]);
    return new Map(rows.map((row) => [row.symbol, row]));
  } finally {
    database.close();
  }
}

beforeAll(async () => {
  copyFileSync(inject('templateDatabase'), databasePath);
  yahoo = await startFakeYahoo({ latencyMs: 20 });
  yahoo.script('GOOGL', { kind: 'status', status: 429, retryAfter: '1' }, { kind: 'good' });
  yahoo.script('AMZN', { kind: 'status', status: 503 }, { kind: 'status', status: 500 }, { kind: 'good' });
  yahoo.script('META', { kind: 'reset' }, { kind: 'good' });
  yahoo.script('TSLA', { kind: 'hang' }, { kind: 'good' });
  const negative = goodChart('KO', { interval: '1d', range: '6mo' });
  negative.chart.result[0]!.meta.regularMarketPrice = -5;
  yahoo.script('KO', { kind: 'custom', json: negative });
  yahoo.script('PEP', { kind: 'custom', json: goodChart('PEPX', { interval: '1d', range: '6mo' }) });
  const unordered = goodChart('WMT', { interval: '1d', range: '6mo' });
  const times = unordered.chart.result[0]!.timestamp!;
  [times[3], times[4]] = [times[4]!, times[3]!];
  yahoo.script('WMT', { kind: 'custom', json: unordered });
  yahoo.script('JPM', { kind: 'malformed', body: 'Too Many Requests' });
  yahoo.script('XOM', { kind: 'chart-error', code: 'Not Found', description: 'No data found, symbol may be delisted' });
  yahoo.script('V', { kind: 'status', status: 429, body: 'Too Many Requests' });

  before = await readStocks();
  run = await runCli(
    ['--database', databasePath, 'ingest', '--provider', 'yahoo', '--symbols', [...GOOD, ...REJECTED, ...FAILED].join(','), '--range', '6mo', '--concurrency', String(CONCURRENCY), '--rate', String(RATE)],
    { YAHOO_BASE_URL: yahoo.baseUrl, INGEST_TIMEOUT_MS: '500' },
  );
  after = await readStocks();
}, 120_000);

afterAll(async () => {
  await yahoo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('stockql ingest against a hostile provider', () => {
  it('stores every good symbol, retrying 429s, 5xx, resets and hangs', () => {
    for (const symbol of GOOD) {
      const expected = goodChart(symbol, { interval: '1d', range: '6mo' }).chart.result[0]!.meta;
      expect(after.get(symbol)!.price, symbol).toBe(expected.regularMarketPrice);
      expect(after.get(symbol)!.quoteUpdatedAt, symbol).toBe(expected.regularMarketTime * 1000);
    }
    expect(run.stderr).toMatch(/7 fetched, 7 updated, 0 skipped as fresh, \d+ retried, 3 rejected, 3 failed/);
  });

  it('rejects bad payloads with their reason and keeps the data users saw', () => {
    expect(run.stderr).toMatch(/rejected KO: .*price/i);
    expect(run.stderr).toMatch(/rejected PEP: .*PEPX/);
    expect(run.stderr).toMatch(/rejected WMT: bar 4 .*timestamps must strictly increase/);
    for (const symbol of REJECTED) expect(after.get(symbol), symbol).toEqual(before.get(symbol));
  });

  it('reports what it could not fetch, changes nothing for it, and exits 2', () => {
    expect(run.stderr).toMatch(/failed JPM: malformed/);
    expect(run.stderr).toMatch(/failed XOM: no data: .*delisted/);
    expect(run.stderr).toMatch(/failed V: gave up after 4 attempts: HTTP 429/);
    for (const symbol of FAILED) expect(after.get(symbol), symbol).toEqual(before.get(symbol));
    expect(run.code).toBe(2);
  });

  it('skips stocks fetched within --max-age without asking the provider again', async () => {
    const asked = yahoo.requests.length;
    const again = await runCli(['--database', databasePath, 'ingest', '--provider', 'yahoo', '--symbols', 'AAPL,MSFT,KO', '--range', '6mo', '--max-age', '3600'], {
      YAHOO_BASE_URL: yahoo.baseUrl,
    });
    // KO's last answer was rejected, so it was never fetched: it is asked again (and rejected again).
    expect(again.stderr).toMatch(/0 fetched, 0 updated, 2 skipped as fresh, 0 retried, 1 rejected, 0 failed; 1 requests/);
    expect(yahoo.requests.slice(asked).map((r) => r.symbol)).toEqual(['KO']);
  });

  it('never exceeds the configured rate or concurrency, and honours Retry-After', () => {
    expect(yahoo.maxConcurrent).toBeLessThanOrEqual(CONCURRENCY);
    expect(yahoo.maxInAnyWindow(1000)).toBeLessThanOrEqual(RATE);
    const [limited, retried] = yahoo.requestsFor('GOOGL');
    expect(retried!.startedAt - limited!.endedAt!).toBeGreaterThanOrEqual(1000);
    expect(yahoo.requestsFor('V')).toHaveLength(4);
  });
});
