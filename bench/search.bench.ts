/**
 * Search speed on a generated universe of 10,000 stocks: per-query latency in process (against a naive
 * scan of every name measured in the same run), index build time and memory, and over HTTP against a
 * bare node:http server returning the identical bytes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openMarket } from '../src/cli/commands/open-writable.js';
import { buildSearchIndex, search, type SearchDocument } from '../src/modules/search/engine/index.js';
import { startApi, startBare, load, post, type LoadResult } from './lib/http.js';
import { summarize, type Summary } from './lib/stats.js';
import { generateQueries, generateUniverse, type QueryKind } from './lib/universe.js';

export interface LatencyFigures { p50Us: number; p99Us: number }

export interface SearchBenchResult {
  documents: number;
  queries: number;
  buildMs: Summary;
  indexMemoryBytes: number;
  heapGrowthBytes: number;
  engine: LatencyFigures & { perKind: Record<QueryKind, LatencyFigures> };
  naiveScan: LatencyFigures;
  http: { api: LoadSummary; bare: LoadSummary; connections: number; durationSeconds: number; bodies: number };
}

export interface LoadSummary { requestsPerSecond: Summary; p50Ms: Summary; p99Ms: Summary; bytesPerResponse: number; errors: number }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latencies(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50Us: percentile(sorted, 50) * 1000, p99Us: percentile(sorted, 99) * 1000 };
}

/** The straightforward way: lower-case substring match over every symbol and name, biggest first. */
function naiveSearch(documents: readonly SearchDocument[], lowered: readonly string[], query: string): number[] {
  const q = query.toLowerCase().trim();
  const matches: number[] = [];
  for (let i = 0; i < lowered.length; i++) if (lowered[i]!.includes(q)) matches.push(i);
  return matches.sort((a, b) => documents[b]!.marketCap - documents[a]!.marketCap).slice(0, 10);
}

function summarizeLoads(results: LoadResult[]): LoadSummary {
  return {
    requestsPerSecond: summarize(results.map((r) => r.requestsPerSecond)),
    p50Ms: summarize(results.map((r) => r.p50Ms)),
    p99Ms: summarize(results.map((r) => r.p99Ms)),
    bytesPerResponse: Math.round(results.reduce((s, r) => s + r.bytesPerResponse, 0) / results.length),
    errors: results.reduce((s, r) => s + r.errors + r.non2xx, 0),
  };
}

export async function runSearchBench(options: { quick: boolean; log: (line: string) => void }): Promise<SearchBenchResult> {
  const documents = generateUniverse(10_000);
  const queries = generateQueries(documents, options.quick ? 500 : 2000);

  // Build time and memory.
  const builds: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let index = buildSearchIndex(documents);
  gc?.();
  const heapGrowthBytes = process.memoryUsage().heapUsed - heapBefore;
  for (let i = 0; i < (options.quick ? 2 : 5); i++) {
    const started = performance.now();
    index = buildSearchIndex(documents);
    builds.push(performance.now() - started);
  }

  // Per-query latency, engine and naive scan alternating pass by pass.
  const lowered = documents.map((d) => `${d.symbol} ${d.name}`.toLowerCase());
  const engineTimes: number[] = [];
  const naiveTimes: number[] = [];
  const perKind = new Map<QueryKind, number[]>();
  for (const { query } of queries) search(index, query, { limit: 10 }); // warm-up
  const passes = options.quick ? 2 : 5;
  for (let pass = 0; pass < passes; pass++) {
    for (const { query, kind } of queries) {
      const started = performance.now();
      search(index, query, { limit: 10 });
      const elapsed = performance.now() - started;
      engineTimes.push(elapsed);
      perKind.set(kind, [...(perKind.get(kind) ?? []), elapsed]);
    }
    for (const { query } of queries.slice(0, 200)) {
      const started = performance.now();
      naiveSearch(documents, lowered, query);
      naiveTimes.push(performance.now() - started);
    }
  }
  options.log(`search in process: engine p99 ${latencies(engineTimes).p99Us.toFixed(0)} µs, naive scan p99 ${latencies(naiveTimes).p99Us.toFixed(0)} µs`);

  // Over HTTP.
  const dir = mkdtempSync(join(tmpdir(), 'stockql-bench-search-'));
  try {
    const databasePath = join(dir, 'universe.db');
    const { database, store } = openMarket(databasePath);
    await store.write(
      documents.map((d, i) => ({
        facts: { symbol: d.symbol, name: d.name, exchange: 'NYSE', sector: d.sector, industry: d.industry, currency: 'USD' },
        quote: { sharesOutstanding: d.marketCap / 50, price: 50, change: (i % 7) - 3, changePercent: ((i % 7) - 3) / 0.5, open: 50, high: 51, low: 49, previousClose: 50, volume: 1e6, marketCap: d.marketCap, updatedAt: Date.UTC(2026, 10, 27, 21) },
        bars: [],
      })),
    );
    database.close();
    const bodies = queries.slice(0, 100).map(({ query }) =>
      JSON.stringify({ query: 'query Search($q: String!) { search(query: $q, first: 10) { total hits { score stock { symbol name quote { price changePercent } } } } }', variables: { q: query } }),
    );
    const connections = 10;
    const durationSeconds = options.quick ? 2 : 5;
    // Caches off: this measures the engine and GraphQL on a large universe (the API scenarios measure caching).
    const api = await startApi(databasePath, { CACHE_URL: 'off' });
    const responses: Record<string, string> = {};
    for (const body of bodies) responses[body] = (await post(api.url, body)).text;
    const bare = await startBare(responses, dir);
    const apiRuns: LoadResult[] = [];
    const bareRuns: LoadResult[] = [];
    try {
      for (let run = 0; run < (options.quick ? 1 : 3); run++) {
        apiRuns.push(await load(api.url, bodies, { connections, durationSeconds }));
        bareRuns.push(await load(bare.url, bodies, { connections, durationSeconds }));
        options.log(`search over HTTP run ${run + 1}: API ${Math.round(apiRuns.at(-1)!.requestsPerSecond)} req/s, bare ${Math.round(bareRuns.at(-1)!.requestsPerSecond)} req/s`);
      }
    } finally {
      await Promise.all([api.stop(), bare.stop()]);
    }
    return {
      documents: documents.length,
      queries: queries.length,
      buildMs: summarize(builds),
      indexMemoryBytes: index.memoryBytes,
      heapGrowthBytes,
      engine: { ...latencies(engineTimes), perKind: Object.fromEntries([...perKind].map(([k, v]) => [k, latencies(v)])) as Record<QueryKind, LatencyFigures> },
      naiveScan: latencies(naiveTimes),
      http: { api: summarizeLoads(apiRuns), bare: summarizeLoads(bareRuns), connections, durationSeconds, bodies: bodies.length },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
