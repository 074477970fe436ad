/**
 * Tables for the terminal and BENCHMARKS.md, from the benchmark results.
 */
import { TARGETS, type ApiBenchResult, type Target } from './api.bench.js';
import type { IngestBenchResult } from './ingest.bench.js';
import type { ChartGroup } from './lib/svg-chart.js';
import { fmt } from './lib/stats.js';
import type { SearchBenchResult } from './search.bench.js';
import type { SeedBenchResult } from './seed.bench.js';

const spread = (s: { min: number; max: number }, digits = 0) => `${fmt(s.min, digits)} – ${fmt(s.max, digits)}`;

export function seedTable(seed: SeedBenchResult): string {
  const rows: [string, { median: number; min: number; max: number }, boolean][] = [
    ['seed end to end (generate + write, built `stockql seed`)', seed.endToEnd, true],
    ['write only (batched multi-row upserts, one transaction)', seed.writeOnly, true],
    ['baseline: the same bars, one single-row INSERT each, one transaction', seed.baselineSingleRowInserts, true],
    ['generate only (synthetic random walk, no database; runs on a second core during a seed)', seed.generateOnly, false],
  ];
  const baseline = seed.baselineSingleRowInserts.median;
  return [
    '| what is timed | bars/s (median) | min – max | vs baseline |',
    '|---|---:|---:|---:|',
    ...rows.map(([label, s, writes]) => `| ${label} | ${fmt(s.median)} | ${spread(s)} | ${writes ? `${(s.median / baseline).toFixed(2)}×` : 'n/a'} |`),
  ].join('\n');
}

export function searchTables(search: SearchBenchResult): string {
  const kinds = Object.entries(search.engine.perKind)
    .map(([kind, l]) => `| engine, ${kind} queries | ${fmt(l.p50Us, 1)} | ${fmt(l.p99Us, 1)} | ${(search.naiveScan.p99Us / l.p99Us).toFixed(1)}× |`)
    .join('\n');
  const inProcess = [
    '| per query, in process | p50 µs | p99 µs | p99 speed-up vs naive scan |',
    '|---|---:|---:|---:|',
    `| search engine, all ${fmt(search.queries)} queries | ${fmt(search.engine.p50Us, 1)} | ${fmt(search.engine.p99Us, 1)} | ${(search.naiveScan.p99Us / search.engine.p99Us).toFixed(1)}× |`,
    kinds,
    `| baseline: naive substring scan of every symbol and name | ${fmt(search.naiveScan.p50Us, 1)} | ${fmt(search.naiveScan.p99Us, 1)} | 1.0× |`,
  ].join('\n');
  const { api, bare } = search.http;
  const over = [
    '| over HTTP | req/s (median) | min – max | p50 ms | p99 ms | bytes/response | vs bare |',
    '|---|---:|---:|---:|---:|---:|---:|',
    `| stockql \`search\`, caches off (\`CACHE_URL=off\`) | ${fmt(api.requestsPerSecond.median)} | ${spread(api.requestsPerSecond)} | ${fmt(api.p50Ms.median, 1)} | ${fmt(api.p99Ms.median, 1)} | ${fmt(api.bytesPerResponse)} | ${(api.requestsPerSecond.median / bare.requestsPerSecond.median).toFixed(2)}× |`,
    `| baseline: bare node:http, identical bytes | ${fmt(bare.requestsPerSecond.median)} | ${spread(bare.requestsPerSecond)} | ${fmt(bare.p50Ms.median, 1)} | ${fmt(bare.p99Ms.median, 1)} | ${fmt(bare.bytesPerResponse)} | 1.00× |`,
  ].join('\n');
  const build = `Index build over ${fmt(search.documents)} documents: ${fmt(search.buildMs.median, 1)} ms median (${spread(search.buildMs, 1)}); index structures ≈ ${fmt(search.indexMemoryBytes / 2 ** 20, 1)} MiB (heap growth on the first build ≈ ${fmt(search.heapGrowthBytes / 2 ** 20, 1)} MiB).`;
  return `${inProcess}\n\n${build}\n\n${over}\n\nHTTP: ${search.http.connections} connections, ${search.http.durationSeconds} s per run, ${search.http.bodies} different queries in turn, API and bare server alternating, medians of the runs; errors/non-2xx: ${api.errors + bare.errors}.`;
}

export function apiTable(api: ApiBenchResult): string {
  const label: Record<Target, string> = { cold: 'cold (`CACHE_URL=off`)', warm: 'warm (`CACHE_URL=memory`)', bare: 'bare node:http, identical bytes' };
  const rows = api.scenarios.flatMap((scenario) => {
    const bare = scenario.targets.bare.requestsPerSecond.median;
    return TARGETS.map((target) => {
      const f = scenario.targets[target];
      const ratio = bare > 0 ? `${(f.requestsPerSecond.median / bare).toFixed(2)}×` : 'n/a';
      return `| ${target === 'cold' ? `**${scenario.name}**: ${scenario.description}` : ''} | ${label[target]} | ${fmt(f.requestsPerSecond.median)} | ${spread(f.requestsPerSecond)} | ${fmt(f.p50Ms, 1)} | ${fmt(f.p99Ms, 1)} | ${fmt(f.bytesPerResponse)} | ${f.statementsPerRequest === null ? '–' : fmt(f.statementsPerRequest, 2)} | ${ratio} |`;
    });
  });
  return [
    '| scenario | server | req/s (median) | min – max | p50 ms | p99 ms | bytes/response | SQL/request | vs bare |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function apiChartGroups(api: ApiBenchResult): ChartGroup[] {
  const colors: Record<Target, string> = { cold: '#4c78a8', warm: '#f58518', bare: '#9d9d9d' };
  return api.scenarios.map((s) => ({
    label: s.name,
    bars: TARGETS.map((t) => ({ label: t === 'bare' ? 'bare limit' : t, value: s.targets[t].requestsPerSecond.median, color: colors[t] })),
  }));
}

export function ingestTable(ingest: IngestBenchResult): string {
  const seconds = (ms: number) => fmt(ms / 1000, 1);
  const rows = ingest.runs.map(
    (r, i) =>
      `| run ${i + 1} | ${seconds(r.ingestMs)} | ${seconds(r.processMs)} | ${(r.ingestMs / ingest.boundMs).toFixed(2)}× | ${fmt(r.requests)} | ${fmt(r.retried)} | ${fmt(r.updated)} | ${fmt(r.failed + r.rejected)} | ${r.peakPerSecond} | ${r.peakInFlight} |`,
  );
  return [
    '| | ingest s | process s | vs bound | requests | retried | updated | lost | peak req/s | peak in flight |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    `| **median** | **${seconds(ingest.ingestMs.median)}** | ${seconds(ingest.processMs.median)} | **${(ingest.ingestMs.median / ingest.boundMs).toFixed(2)}×** | | | | | | |`,
    `| baseline: the bound max(N / rate, N × latency / concurrency) | ${seconds(ingest.boundMs)} | | 1.00× | ${fmt(ingest.symbols)} | | | | ${ingest.ratePerSecond} | ${ingest.concurrency} |`,
  ].join('\n');
}
