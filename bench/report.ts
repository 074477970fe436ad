/**
 * Tables for the terminal and BENCHMARKS.md, from the benchmark results.
 */
import { BEFORE_GOALS, TARGETS, type ApiBenchResult, type Target } from './api.bench.js';
import type { IngestBenchResult } from './ingest.bench.js';
import { LIVE_GOAL, type LiveBenchResult, type LiveTargetFigures } from './live.bench.js';
import { PEER_GOALS, type PeerBenchOutcome } from './peer.bench.js';
import type { ChartGroup } from './lib/svg-chart.js';
import { fmt } from './lib/stats.js';
import type { SearchBenchResult } from './search.bench.js';
import type { SeedBenchResult } from './seed.bench.js';

const spread = (s: { min: number; max: number }, digits = 0) => `${fmt(s.min, digits)} – ${fmt(s.max, digits)}`;
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const percent = (ratio: number | null) => (ratio === null ? '–' : `${fmt(ratio * 100, 1)}%`);
/** "**0.62×** (target ≥ 0.5×: met)": every ratio with a target says whether it was reached. */
const versus = (ratio: number, goal: number) => `**${times(ratio)}** (target ≥ ${goal}×: ${ratio >= goal ? 'met' : 'NOT met'})`;

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

/** Today's cold path against the `--before` build's, per scenario, with the issue's targets. */
export function beforeTable(api: ApiBenchResult): string {
  const ref = api.before?.ref ?? 'before';
  const rows = api.scenarios.map((s) => {
    const b = s.before;
    if (!b) return `| ${s.name} | ${fmt(s.targets.cold.requestsPerSecond.median)} | – | – | – | – | – |`;
    const goal = BEFORE_GOALS[s.name];
    const ratio = b.coldVsBefore.median;
    const sql = (n: number | null) => (n === null ? '–' : fmt(n, 2));
    return `| ${s.name}${b.sameAnswers ? '' : ' †'} | ${fmt(s.targets.cold.requestsPerSecond.median)} | ${fmt(b.requestsPerSecond.median)} | **${times(ratio)}** | ${goal === undefined ? '–' : `≥ ${goal}×: ${ratio >= goal ? 'met' : 'NOT met'}`} | ${sql(s.targets.cold.statementsPerRequest)} | ${sql(b.statementsPerRequest)} |`;
  });
  const differs = api.scenarios.some((s) => s.before && !s.before.sameAnswers);
  return [
    `### Today vs before (\`${ref}\`${api.before && !api.before.commit.startsWith(ref) ? `, ${api.before.commit.slice(0, 7)}` : ''}: ${api.before?.subject.split(':')[0] ?? ''})`,
    '',
    `Cold (\`CACHE_URL=off\`) req/s of today's build and of \`${ref}\`, built in a temporary git worktree (\`--before\`) and started on a`,
    `market its own CLI seeded, in the same rotation as the table above. "today / before" is the median of the per-run ratios.`,
    '',
    `| scenario | today cold req/s | ${ref} cold req/s | today / before | target | SQL/request today | SQL/request before |`,
    '|---|---:|---:|---:|---|---:|---:|',
    ...rows,
    ...(differs ? ['', `† ${ref} answers this scenario with different bytes (the same requests are compared).`] : []),
  ].join('\n');
}

export function liveSection(live: LiveBenchResult): string {
  const row = (label: string, f: LiveTargetFigures, vs: string) =>
    `| ${label} | ${fmt(f.requestsPerSecond.median)} | ${spread(f.requestsPerSecond)} | ${fmt(f.p50Ms, 1)} | ${fmt(f.p99Ms, 1)} | ${percent(f.edgeHitRatio)} | ${percent(f.dataHitRatio)} | ${f.statementsPerRequest === null ? '–' : fmt(f.statementsPerRequest, 3)} | ${vs} |`;
  const frozen = live.targets.frozen.requestsPerSecond.median;
  const b = live.before;
  const rows = [
    row('frozen (updater off)', live.targets.frozen, '1.00×'),
    row('**live** (updater committing)', live.targets.live, `**${times(live.liveVsFrozen.median)}**`),
    row('bare node:http, the frozen answers', live.targets.bare, times(live.targets.bare.requestsPerSecond.median / frozen)),
    ...(b ? [row(`frozen, \`${b.ref}\``, b.targets.frozen, '1.00×'), row(`live, \`${b.ref}\``, b.targets.live, times(b.liveVsFrozen.median))] : []),
  ];
  const { clock } = live;
  const updates = (c: LiveBenchResult | NonNullable<LiveBenchResult['before']>) =>
    `${fmt(c.commits)} commits${c.commits > 0 ? ` (one every ${fmt(c.runningSeconds / c.commits, 1)} s)` : ''} and ${fmt(c.stockUpdates)} stock updates in the ${fmt(c.runningSeconds)} s its server ran`;
  const namespaces = Object.entries(live.targets.live.namespaces).map(([ns, r]) => `${ns} ${percent(r)}`).join(', ');
  const errors = [...Object.values(live.targets), ...(b ? Object.values(b.targets) : [])].reduce((sum, f) => sum + f.errors, 0);
  return `## Live market

The built server under a mixed load of the seven API scenarios (one request of each in turn; stock, chartYear and chartsAll
cycle through the 100 largest stocks: ${fmt(live.distinctBodies)} distinct requests) at ${live.connections} connections while its updater commits
price changes, next to the same build on a frozen market (updater off) and a bare node:http server replaying the frozen answers
(the limit). The live server trades the synthetic market on a simulated clock (\`MARKET_CLOCK_START=${clock.start}\`,
\`MARKET_CLOCK_SPEED=${clock.speed}\`), its updater paced like a rate-limited provider (\`INGEST_INTERVAL_SECONDS=${clock.intervalSeconds}\`,
\`INGEST_RATE_PER_SECOND=${clock.providerRatePerSecond}\`). ${live.durationSeconds} s per run, medians of ${live.runs} runs in rotated order, each server warmed up
first; a live server is paused (SIGSTOP) while another is measured, so its commits never slow the others. ${live.pinned ? 'Servers on CPU 0, load generator on CPU 1.' : 'Not pinned (no taskset).'}
Hit ratios (edge: whole responses; data: the stock, chart, search and aggregation caches) and SQL statements per request are
the servers' own counters (\`Query.metrics\`, \`/metrics\`) over the measured runs.

Target: live ≥ ${LIVE_GOAL}× frozen req/s. **Live / frozen: ${times(live.liveVsFrozen.median)}** (${live.liveVsFrozen.median >= LIVE_GOAL ? 'met' : 'NOT met'}), the median of the per-run ratios.

| server | req/s (median) | min – max | p50 ms | p99 ms | edge hits | data cache hits | SQL/request | vs frozen |
|---|---:|---:|---:|---:|---:|---:|---:|---:|
${rows.join('\n')}

The live server's updater made ${updates(live)} (from its start: warm-up and measured runs; \`/metrics\` counts a round's
commits when the round ends). Data cache hits on the live server per namespace: ${namespaces || 'none recorded'}. Errors/non-2xx: ${errors}.${
    b
      ? `\nToday vs \`${b.ref}\` (per-run ratios): frozen ${times(b.todayVsBefore.frozen.median)}, live ${times(b.todayVsBefore.live.median)}; \`${b.ref}\`'s live / frozen was ${times(b.liveVsFrozen.median)}; its updater made ${updates(b)}.`
      : ''
  }`;
}

export function peerSection(peer: PeerBenchOutcome): string {
  if ('skipped' in peer) return `## Against a peer: PostGraphile\n\nSkipped: ${peer.skipped}, and this benchmark needs it (\`BENCH_POSTGRES_URL\` names the server).`;
  const { postgraphile, cold, warm } = peer.targets;
  const row = (label: string, f: typeof cold, goal: number | null) =>
    `| ${label} | ${fmt(f.requestsPerSecond.median)} | ${spread(f.requestsPerSecond)} | ${fmt(f.p50Ms, 1)} | ${fmt(f.p99Ms, 1)} | ${fmt(f.bytesPerResponse)} | ${f.vsPostGraphile ? `**${times(f.vsPostGraphile.median)}**` : '1.00×'} | ${goal === null ? '' : `≥ ${goal}×: ${f.vsPostGraphile!.median >= goal ? 'met' : 'NOT met'}`} |`;
  return `## Against a peer: PostGraphile

The same seeded market served by stockql (SQLite) and by PostGraphile ${peer.versions.postgraphile} with pg-simplify-inflector on PostgreSQL ${peer.versions.postgres}
(${peer.postgres}, \`BENCH_POSTGRES_URL\`): a throwaway database per run, into which bench/mirror-to-postgres.ts copies the ${fmt(peer.mirrored.stocks)} stocks and
${peer.mirrored.sectors} sectors' figures (indexes: ${peer.mirrored.indexes.join(', ')}), dropped at the end. Both answer the equivalent
100-row list query with a related row (the stock's sector), checked to return the same rows before any load; ${peer.connections} connections,
${peer.durationSeconds} s per run, medians of ${peer.runs} runs, PostGraphile and stockql cold and warm in rotated order, each warmed up first.
${peer.pinned ? `Each server stack on CPU 0 (PostGraphile with the ${peer.backendsPinned} PostgreSQL backends of its pool), the load generator on CPU 1.` : 'Not pinned (no taskset).'}

Targets: stockql cold ≥ ${PEER_GOALS.cold}× PostGraphile's req/s, warm ≥ ${PEER_GOALS.warm}×. Measured: cold ${versus(cold.vsPostGraphile!.median, PEER_GOALS.cold)}, warm ${versus(warm.vsPostGraphile!.median, PEER_GOALS.warm)}.

| server | req/s (median) | min – max | p50 ms | p99 ms | bytes/response | vs PostGraphile | target |
|---|---:|---:|---:|---:|---:|---:|---|
${row(`PostGraphile ${peer.versions.postgraphile}, PostgreSQL ${peer.versions.postgres}`, postgraphile, null)}
${row('stockql cold (`CACHE_URL=off`)', cold, PEER_GOALS.cold)}
${row('stockql warm (`CACHE_URL=memory`)', warm, PEER_GOALS.warm)}

stockql: \`${peer.queries.stockql}\`
PostGraphile: \`${peer.queries.postgraphile}\`
"vs PostGraphile" is the median of the per-run ratios. Errors/non-2xx: ${postgraphile.errors + cold.errors + warm.errors}.`;
}

/** One line per ratio that has a target, for the terminal: "target live / frozen ≥ 0.5×: 0.62×, met". */
export function targetLines(results: { api: ApiBenchResult | null; live: LiveBenchResult | null; peer: PeerBenchOutcome | null }): string[] {
  const line = (what: string, ratio: number, goal: number) => `target ${what} ≥ ${goal}×: ${times(ratio)}, ${ratio >= goal ? 'met' : 'NOT met'}`;
  const { api, live, peer } = results;
  const lines: string[] = [];
  for (const s of api?.scenarios ?? []) {
    const goal = BEFORE_GOALS[s.name];
    if (s.before && goal !== undefined) lines.push(line(`${s.name} cold today / ${api!.before?.ref ?? 'before'}`, s.before.coldVsBefore.median, goal));
  }
  if (live) lines.push(line('live / frozen', live.liveVsFrozen.median, LIVE_GOAL));
  if (peer && !('skipped' in peer)) {
    lines.push(line('stockql cold / PostGraphile', peer.targets.cold.vsPostGraphile!.median, PEER_GOALS.cold));
    lines.push(line('stockql warm / PostGraphile', peer.targets.warm.vsPostGraphile!.median, PEER_GOALS.warm));
  }
  return lines;
}
