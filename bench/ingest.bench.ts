/**
 * Ingestion against a slow, flaky provider: the built `stockql ingest` fetches 500 symbols from a
 * loopback server in Yahoo's chart format that answers after 100 ms and fails 5% of requests with a
 * 503, under a 50 requests/s limit and 10 requests in flight. Neither limit can be beaten, so the
 * baseline is the bound max(N / rate, N × latency / concurrency); the target is a wall time within
 * 1.25× of it, with zero symbols lost.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/connection.js';
import { createIngestStore } from '../src/modules/market/ingest/ingest.store.js';
import { packageRoot } from '../src/paths.js';
import { startFakeYahoo } from '../test/helpers/fake-yahoo.js';
import { summarize, type Summary } from './lib/stats.js';

const SYMBOLS = 500;
const LATENCY_MS = 100;
const RATE = 50;
const CONCURRENCY = 10;
const FAILURE_RATE = 0.05;

export interface IngestRun {
  /** The ingest itself, as the command reports it (database open and process start excluded). */
  ingestMs: number;
  /** The whole `stockql ingest` process, start to exit. */
  processMs: number;
  requests: number;
  retried: number;
  updated: number;
  failed: number;
  rejected: number;
  /** What the provider saw: most requests in any second, and in flight at once. */
  peakPerSecond: number;
  peakInFlight: number;
}

export interface IngestBenchResult {
  symbols: number;
  latencyMs: number;
  ratePerSecond: number;
  concurrency: number;
  failureRate: number;
  boundMs: number;
  ingestMs: Summary;
  processMs: Summary;
  runs: IngestRun[];
}

const SUMMARY = /(\d+) fetched, (\d+) updated, (\d+) skipped as fresh, (\d+) retried, (\d+) rejected, (\d+) failed; (\d+) requests in ([\d.]+) s/;

function runIngest(databasePath: string, symbols: string[], baseUrl: string): Promise<{ stderr: string; processMs: number; code: number | null }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(packageRoot, 'bin', 'stockql.js'), '--database', databasePath, 'ingest', '--provider', 'yahoo', '--symbols', symbols.join(','), '--range', '6mo', '--concurrency', String(CONCURRENCY), '--rate', String(RATE)],
    { env: { ...process.env, YAHOO_BASE_URL: baseUrl, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ stderr, processMs: performance.now() - started, code });
    }),
  );
}

export async function runIngestBench(options: { quick: boolean; log: (line: string) => void }): Promise<IngestBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'stockql-bench-ingest-'));
  try {
    const market = join(dir, 'market.db');
    const seeded = spawnSync(process.execPath, [join(packageRoot, 'bin', 'stockql.js'), '--database', market, 'seed', '--as-of', '2026-11-27'], { encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seeding the benchmark market failed: ${seeded.stderr}`);
    const database = openDatabase(market);
    const symbols = (await createIngestStore(database.sqlite).targets('all', '6mo')).slice(0, SYMBOLS).map((t) => t.facts.symbol);
    database.close();

    const runs: IngestRun[] = [];
    for (let run = 0; run < (options.quick ? 1 : 3); run++) {
      const databasePath = join(dir, `run-${run}.db`);
      copyFileSync(market, databasePath);
      // A different failure pattern each run (the seed picks which requests fail).
      const yahoo = await startFakeYahoo({ latencyMs: LATENCY_MS, transientFailureRate: FAILURE_RATE, seed: run + 1 });
      try {
        const { stderr, processMs, code } = await runIngest(databasePath, symbols, yahoo.baseUrl);
        const match = SUMMARY.exec(stderr);
        if (!match) throw new Error(`stockql ingest printed no summary (exit ${code}):\n${stderr.slice(-2000)}`);
        const [, , updated, , retried, rejected, failed, requests, seconds] = match.map(Number);
        runs.push({
          ingestMs: seconds! * 1000,
          processMs,
          requests: requests!,
          retried: retried!,
          updated: updated!,
          failed: failed!,
          rejected: rejected!,
          peakPerSecond: yahoo.maxInAnyWindow(1000),
          peakInFlight: yahoo.maxConcurrent,
        });
        const last = runs.at(-1)!;
        options.log(`ingest run ${run + 1}: ${last.updated} updated, ${last.failed} failed in ${(last.ingestMs / 1000).toFixed(1)} s (${last.requests} requests, ${last.retried} retried; peak ${last.peakPerSecond}/s, ${last.peakInFlight} in flight)`);
      } finally {
        await yahoo.close();
      }
    }
    return {
      symbols: symbols.length,
      latencyMs: LATENCY_MS,
      ratePerSecond: RATE,
      concurrency: CONCURRENCY,
      failureRate: FAILURE_RATE,
      boundMs: Math.max(symbols.length / RATE, (symbols.length * LATENCY_MS) / 1000 / CONCURRENCY) * 1000,
      ingestMs: summarize(runs.map((r) => r.ingestMs)),
      processMs: summarize(runs.map((r) => r.processMs)),
      runs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
