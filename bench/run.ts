/**
 * `npm run bench`: runs the benchmarks, prints the tables, and rewrites bench/results/latest.json and
 * BENCHMARKS.md. Every figure stands next to a baseline measured in the same run.
 *   --quick          fewer and shorter runs (a smoke test of the benchmarks themselves; what CI runs)
 *   --only <names>   some benchmarks, comma-separated: seed, search, api, live, peer, ingest (the others keep
 *                    their previous figures)
 *   --before [ref]   also build <ref> (default DEFAULT_BEFORE_REF, bench/lib/before-build.ts) in a temporary
 *                    git worktree and drive it in the same rotation as today's build in the api (cold) and
 *                    live benchmarks: "today vs before" from one run. On by default in a full run, off in a
 *                    quick one unless given; --no-before turns it off.
 *   --update-baselines  record the SQL statements per request of the api scenarios as the new baselines
 *   --report-only    rewrite BENCHMARKS.md from bench/results/latest.json without measuring
 * The peer benchmark needs PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * and is skipped, with one line saying why, when it does not answer.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { fmt } from './lib/stats.js';
import { runApiBench } from './api.bench.js';
import { runIngestBench } from './ingest.bench.js';
import { checkStatementBaselines, writeStatementBaselines } from './baselines.js';
import { buildBefore, DEFAULT_BEFORE_REF, type BeforeBuild } from './lib/before-build.js';
import { cleanUpOnSignals } from './lib/cleanup.js';
import { barChartSvg } from './lib/svg-chart.js';
import { runLiveBench } from './live.bench.js';
import { runPeerBench } from './peer.bench.js';
import { apiChartGroups, apiTable, beforeTable, ingestTable, liveSection, peerSection, searchTables, seedTable, targetLines } from './report.js';
import { runSearchBench } from './search.bench.js';
import { runSeedBench } from './seed.bench.js';

const PARTS = ['seed', 'search', 'api', 'live', 'peer', 'ingest'] as const;
const args = process.argv.slice(2);
const log = (line: string) => process.stderr.write(`${line}\n`);
const quick = args.includes('--quick');
const valueOf = (flag: string) => {
  const at = args.indexOf(flag);
  const value = at === -1 ? undefined : args[at + 1];
  return at === -1 ? null : value === undefined || value.startsWith('--') ? '' : value;
};
const only = valueOf('--only')?.split(',').filter(Boolean) ?? null;
const unknown = only?.filter((name) => !(PARTS as readonly string[]).includes(name)) ?? [];
if (only?.length === 0 || unknown.length > 0) {
  log(`--only takes a comma-separated list of ${PARTS.join(', ')}; got ${only?.length === 0 ? 'nothing' : unknown.join(', ')}`);
  process.exit(2);
}
// A quick run (CI) builds no baseline unless asked: the build alone takes a good part of a minute.
const beforeFlag = valueOf('--before'); // null: not given; '': given without a ref
const beforeRef = args.includes('--no-before') ? null : beforeFlag !== null ? beforeFlag || DEFAULT_BEFORE_REF : quick ? null : DEFAULT_BEFORE_REF;
cleanUpOnSignals(log);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const date = new Date().toISOString();
const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;


log(`stockql benchmarks on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node ${machine.node}`);
mkdirSync(join(packageRoot, 'bench', 'results'), { recursive: true });
// A scenario not run now keeps its figures (and their date) from the previous run.
const latestPath = join(packageRoot, 'bench', 'results', 'latest.json');
const previous = existsSync(latestPath) ? (JSON.parse(readFileSync(latestPath, 'utf8')) as Record<string, any>) : {};
const measured = <T>(result: T) => ({ ...result, measuredAt: date, command });
const reportOnly = process.argv.includes('--report-only');
const runs = (name: (typeof PARTS)[number]) => !reportOnly && (!only || only.includes(name));

// The baseline build, once for both benchmarks that use it, removed whatever happens after.
let before: BeforeBuild | null = null;
if (beforeRef !== null && (runs('api') || runs('live'))) {
  try {
    before = await buildBefore(beforeRef, log);
  } catch (error) {
    // Asked for: a ref that does not build fails the run. The full run's default (a shallow clone may lack
    // the commit) only costs the "today vs before" figures, with a line saying why.
    if (beforeFlag !== null) throw error;
    log(`before: no baseline this run: ${(error as Error).message.split('\n')[0]} (--no-before skips it)`);
  }
}
async function measureAll() {
  const seed = runs('seed') ? measured(await runSeedBench({ runs: quick ? 1 : 5, log })) : (previous.seed ?? null);
  const search = runs('search') ? measured(await runSearchBench({ quick, log })) : (previous.search ?? null);
  const api = runs('api') ? measured(await runApiBench({ quick, log, before })) : (previous.api ?? null);
  const live = runs('live') ? measured(await runLiveBench({ quick, log, before })) : (previous.live ?? null);
  // Skipped (no PostgreSQL) is like not run: previous figures stay; without any, the section says why.
  const peerOutcome = runs('peer') ? await runPeerBench({ quick, log }) : null;
  const previousPeer = previous.peer && !('skipped' in previous.peer) ? previous.peer : null;
  const peer = peerOutcome && (!('skipped' in peerOutcome) || !previousPeer) ? measured(peerOutcome) : (previousPeer ?? previous.peer ?? null);
  const ingest = runs('ingest') ? measured(await runIngestBench({ quick, log })) : (previous.ingest ?? null);
  return { seed, search, api, live, peer, ingest };
}
let results: Awaited<ReturnType<typeof measureAll>>;
try {
  results = await measureAll();
} finally {
  before?.remove();
}
const { seed, search, api, live, peer, ingest } = results;
const provenance = (result: { measuredAt?: string; command?: string }) =>
  `Measured ${(result.measuredAt ?? previous.date ?? date).slice(0, 10)} with \`${result.command ?? previous.command ?? command}\`.`;

// In the order of BENCHMARKS.md.
const sections: Record<(typeof PARTS)[number], string | null> = { api: null, live: null, peer: null, seed: null, search: null, ingest: null };
if (seed) {
  sections.seed = `## Seeding the embedded market

${seed.stocks} stocks, ${fmt(seed.bars)} bars (5 years of daily bars, 3 months of hourly bars, 5 sessions of 5-minute bars and
the last session's 1-minute bars, per stock), into a fresh SQLite file in WAL mode; medians of ${quick ? 1 : 5} runs.

${seedTable(seed)}

"End to end" is what \`stockql seed\` and the first \`npm start\` do (target: at least 500,000 bars/s). The baseline
writes the same bars the straightforward way, one prepared single-row INSERT per bar.

${provenance(seed)}`;
}
if (search) {
  sections.search = `## Search

A generated universe of ${fmt(search.documents)} stocks with multi-word names (bench/lib/universe.ts), and a mix of ticker,
prefix, name, typo and multi-word queries. Target: p99 ≤ 1 ms per query in process.

${searchTables(search)}

${provenance(search)}`;
}

if (api) {
  const mib = (bytes: number) => fmt(bytes / 2 ** 20, 0);
  sections.api = `## API scenarios

The built server in production mode on a fresh copy of the embedded market (${api.connections} connections, ${api.durationSeconds} s per run,
medians of ${api.runs} runs with the order of cold, warm and bare rotated each run). ${api.pinned ? 'The servers run pinned to CPU 0 and the load generator to CPU 1 (taskset).' : 'taskset was not available: servers and load generator share both cores.'}
"cold" runs with every cache off (\`CACHE_URL=off\`): each request parses, executes GraphQL and reads SQLite. "warm" runs with
the default in-memory cache after one request: repeats are answered by the edge cache from stored bytes, before GraphQL.
"bare" is a node:http server replaying the warm response exactly (body and headers) for each request: the limit of this
machine for those bytes. SQL/request is the Server-Timing statement count of a first request (cold) and of a repeated one
(warm). Peak RSS of the API: ${mib(api.peakRssBytes.cold)} MiB cold, ${mib(api.peakRssBytes.warm)} MiB warm.

![req/s per scenario next to the bare limit](bench/results/api.svg)

${apiTable(api)}
${api.before ? `\n${beforeTable(api)}\n` : ''}
${provenance(api)}`;
  writeFileSync(join(packageRoot, 'bench', 'results', 'api.svg'), barChartSvg('stockql req/s per scenario, next to the bare node:http limit', apiChartGroups(api), 'requests per second'));
}

if (live) sections.live = `${liveSection(live)}\n\n${provenance(live)}`;
if (peer) sections.peer = `${peerSection(peer)}\n\n${provenance(peer)}`;
if (ingest) {
  sections.ingest = `## Ingestion from a slow, flaky provider

The built \`stockql ingest --provider yahoo\` fetches ${fmt(ingest.symbols)} symbols (range 6mo: daily bars and the quote) from a
loopback server in Yahoo's chart format (test/helpers/fake-yahoo.ts) that answers after ${ingest.latencyMs} ms and fails
${ingest.failureRate * 100}% of requests with a 503, under a limit of ${ingest.ratePerSecond} requests/s (retries included) and ${ingest.concurrency} in flight. No
client can beat max(N / rate, N × latency / concurrency), so that bound is the baseline; target: within 1.25× of it,
with zero symbols lost. "lost" counts failed and rejected symbols; "peak" is what the provider saw.

${ingestTable(ingest)}

${provenance(ingest)}`;
}

const markdown = Object.values(sections).filter(Boolean).join('\n\n');
process.stdout.write(`\n${markdown}\n`);
if (!reportOnly) writeFileSync(latestPath, `${JSON.stringify({ date, command, machine, seed, search, api, live, peer, ingest }, null, 2)}\n`);
writeFileSync(
  join(packageRoot, 'BENCHMARKS.md'),
  `# Benchmarks

Produced by \`${reportOnly ? previous.command : command}\` on ${(reportOnly ? previous.date : date).slice(0, 10)}; rewritten by every run (do not edit by hand).

**Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ${machine.platform}, Node ${machine.node}. The load
generator and the server share the two cores. Each figure stands next to a baseline measured in the same run, with the
min – max spread of the runs: the machine is a shared VM and noisy, so compare ratios, not absolute numbers across runs.

${markdown}
`,
);
log('wrote BENCHMARKS.md and bench/results/latest.json');
// The ratios with a target, measured now, on the terminal (and in CI's log) too.
for (const line of targetLines({ api: runs('api') ? api : null, live: runs('live') ? live : null, peer: runs('peer') ? peer : null })) log(line);

// Deterministic figures fail the run (and CI) when they regress; timings never do.
if (api && runs('api')) {
  if (process.argv.includes('--update-baselines')) {
    writeStatementBaselines(api);
    log('recorded SQL statements per request in bench/baselines.json');
  } else {
    const { regressions, improvements } = checkStatementBaselines(api);
    for (const line of improvements) log(`improved: ${line}`);
    for (const line of regressions) log(`REGRESSION: ${line}`);
    if (regressions.length > 0) process.exitCode = 1;
    else log('SQL statements per request: every scenario within its baseline');
  }
}
