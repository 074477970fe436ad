/**
 * Seeding speed: how fast the embedded market's bars are generated and written, against a baseline
 * measured in the same run (the same bars written one INSERT per bar, the straightforward approach).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openMarket } from '../src/cli/commands/open-writable.js';
import { resolveLastSession, loadEmbeddedListings } from '../src/modules/market/seed-market.js';
import { packageRoot } from '../src/paths.js';
import type { StockWrite } from '../src/modules/market/market.store.js';
import { syntheticStock } from '../src/modules/market/synthetic-stock.js';
import { summarize, type Summary } from './lib/stats.js';

export interface SeedBenchResult {
  stocks: number;
  bars: number;
  /** Bars per second, by what was timed. */
  endToEnd: Summary;
  generateOnly: Summary;
  writeOnly: Summary;
  baselineSingleRowInserts: Summary;
}

const AS_OF = '2026-11-27';

function freshDatabase(dir: string, name: string) {
  return openMarket(join(dir, `${name}.db`));
}

/** The same bars written with one prepared single-row INSERT per bar, in one transaction. */
function writeSingleRows(dir: string, writes: StockWrite[]): number {
  const { database } = freshDatabase(dir, `baseline-${Math.random()}`);
  const sqlite = database.sqlite;
  const insertStock = sqlite.prepare(`INSERT INTO stocks (symbol, name, currency, shares_outstanding, price, change, change_percent, volume, market_cap, quote_updated_at) VALUES (?, ?, 'USD', 1, 1, 0, 0, 0, 1, 0)`);
  const insertBar = sqlite.prepare('INSERT INTO bars (symbol, interval_seconds, time, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const started = performance.now();
  let bars = 0;
  sqlite.transaction(() => {
    for (const w of writes) {
      insertStock.run(w.facts.symbol, w.facts.name);
      for (const s of w.bars) {
        for (let i = 0; i < s.length; i++) insertBar.run(w.facts.symbol, s.intervalSeconds, s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
        bars += s.length;
      }
    }
  })();
  const elapsed = (performance.now() - started) / 1000;
  database.close();
  return bars / elapsed;
}

/** Runs the built `stockql seed` (what users run) and reads the bars/s from its summary line. */
function seedWithCli(database: string): number {
  const result = spawnSync(process.execPath, [join(packageRoot, 'bin', 'stockql.js'), '--database', database, 'seed', '--as-of', AS_OF], {
    encoding: 'utf8',
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const figure = /\(([\d,]+) bars\/s\)/.exec(result.stderr)?.[1];
  if (result.status !== 0 || !figure) throw new Error(`stockql seed failed (exit ${result.status}): ${result.stderr}`);
  return Number(figure.replaceAll(',', ''));
}

export async function runSeedBench(options: { runs: number; log: (line: string) => void }): Promise<SeedBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'stockql-bench-seed-'));
  try {
    const listings = loadEmbeddedListings();
    const lastSession = resolveLastSession(AS_OF);
    const endToEnd: number[] = [];
    const generateOnly: number[] = [];
    const writeOnly: number[] = [];
    const baseline: number[] = [];
    let bars = 0;
    for (let run = 0; run < options.runs; run++) {
      // Alternate the measured and the baseline writes (A B A B) so drift hits both alike.
      const t0 = performance.now();
      const writes = listings.map((row) => syntheticStock(row, 42, lastSession));
      const generated = writes.reduce((sum, w) => sum + w.bars.reduce((s, b) => s + b.length, 0), 0);
      generateOnly.push(generated / ((performance.now() - t0) / 1000));
      bars = generated;

      const { database, store } = freshDatabase(dir, `write-${run}`);
      const t1 = performance.now();
      await store.write(writes, { reset: true });
      writeOnly.push(generated / ((performance.now() - t1) / 1000));
      database.close();

      baseline.push(writeSingleRows(dir, writes));

      const barsPerSecond = seedWithCli(join(dir, `seed-${run}.db`));
      endToEnd.push(barsPerSecond);
      options.log(`seed run ${run + 1}/${options.runs}: end-to-end ${Math.round(barsPerSecond)} bars/s, write only ${Math.round(writeOnly.at(-1)!)}, baseline ${Math.round(baseline.at(-1)!)}`);
    }
    return {
      stocks: listings.length,
      bars,
      endToEnd: summarize(endToEnd),
      generateOnly: summarize(generateOnly),
      writeOnly: summarize(writeOnly),
      baselineSingleRowInserts: summarize(baseline),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
