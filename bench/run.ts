/**
 * `npm run bench`: runs the benchmarks, prints the tables, and rewrites bench/results/latest.json and
 * BENCHMARKS.md. Every figure stands next to a baseline measured in the same run.
 *   --quick          fewer and shorter runs (a smoke test of the benchmarks themselves)
 *   --only <name>    one benchmark: seed, search, api or ingest (the others keep their previous figures)
 *   --update-baselines  record the SQL statements per request of the api scenarios as the new baselines
 *   --report-only    rewrite BENCHMARKS.md from bench/results/latest.json without measuring
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { fmt } from './lib/stats.js';
import { runApiBench } from './api.bench.js';
import { runIngestBench } from './ingest.bench.js';
import { checkStatementBaselines, writeStatementBaselines } from './baselines.js';
import { barChartSvg } from './lib/svg-chart.js';
import { apiChartGroups, apiTable, ingestTable, searchTables, seedTable } from './report.js';
import { runSearchBench } from './search.bench.js';
import { runSeedBench } from './seed.bench.js';

const quick = process.argv.includes('--quick');
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt === -1 ? null : process.argv[onlyAt + 1];
const log = (line: string) => process.stderr.write(`${line}\n`);

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
const runs = (name: string) => !reportOnly && (!only || only === name);
const seed = runs('seed') ? measured(await runSeedBench({ runs: quick ? 1 : 5, log })) : (previous.seed ?? null);
const search = runs('search') ? measured(await runSearchBench({ quick, log })) : (previous.search ?? null);
const api = runs('api') ? measured(await runApiBench({ quick, log })) : (previous.api ?? null);
const ingest = runs('ingest') ? measured(await runIngestBench({ quick, log })) : (previous.ingest ?? null);
const provenance = (result: { measuredAt?: string; command?: string }) =>
  `Measured ${(result.measuredAt ?? previous.date ?? date).slice(0, 10)} with \`${result.command ?? previous.command ?? command}\`.`;

const sections: string[] = [];
if (seed) {
  sections.push(`## Seeding the embedded market

${seed.stocks} stocks, ${fmt(seed.bars)} bars (5 years of daily bars, 3 months of hourly bars, 5 sessions of 5-minute bars and
the last session's 1-minute bars, per stock), into a fresh SQLite file in WAL mode; medians of ${quick ? 1 : 5} runs.

${seedTable(seed)}

"End to end" is what \`stockql seed\` and the first \`npm start\` do (target: at least 500,000 bars/s). The baseline
writes the same bars the straightforward way, one prepared single-row INSERT per bar.

${provenance(seed)}`);
}
if (search) {
  sections.push(`## Search

A generated universe of ${fmt(search.documents)} stocks with multi-word names (bench/lib/universe.ts), and a mix of ticker,
prefix, name, typo and multi-word queries. Target: p99 ≤ 1 ms per query in process.

${searchTables(search)}

${provenance(search)}`);
}

if (api) {
  const mib = (bytes: number) => fmt(bytes / 2 ** 20, 0);
  sections.unshift(`## API scenarios

The built server in production mode on a fresh copy of the embedded market (${api.connections} connections, ${api.durationSeconds} s per run,
medians of ${api.runs} runs with the order of cold, warm and bare rotated each run). ${api.pinned ? 'The servers run pinned to CPU 0 and the load generator to CPU 1 (taskset).' : 'taskset was not available: servers and load generator share both cores.'}
"cold" runs with every cache off (\`CACHE_URL=off\`): each request parses, executes GraphQL and reads SQLite. "warm" runs with
the default in-memory cache after one request: repeats are answered by the edge cache from stored bytes, before GraphQL.
"bare" is a node:http server replaying the warm response exactly (body and headers) for each request: the limit of this
machine for those bytes. SQL/request is the Server-Timing statement count of a first request (cold) and of a repeated one
(warm). Peak RSS of the API: ${mib(api.peakRssBytes.cold)} MiB cold, ${mib(api.peakRssBytes.warm)} MiB warm.

![req/s per scenario next to the bare limit](bench/results/api.svg)

${apiTable(api)}

${provenance(api)}`);
  writeFileSync(join(packageRoot, 'bench', 'results', 'api.svg'), barChartSvg('stockql req/s per scenario, next to the bare node:http limit', apiChartGroups(api), 'requests per second'));
}

if (ingest) {
  sections.push(`## Ingestion from a slow, flaky provider

The built \`stockql ingest --provider yahoo\` fetches ${fmt(ingest.symbols)} symbols (range 6mo: daily bars and the quote) from a
loopback server in Yahoo's chart format (test/helpers/fake-yahoo.ts) that answers after ${ingest.latencyMs} ms and fails
${ingest.failureRate * 100}% of requests with a 503, under a limit of ${ingest.ratePerSecond} requests/s (retries included) and ${ingest.concurrency} in flight. No
client can beat max(N / rate, N × latency / concurrency), so that bound is the baseline; target: within 1.25× of it,
with zero symbols lost. "lost" counts failed and rejected symbols; "peak" is what the provider saw.

${ingestTable(ingest)}

${provenance(ingest)}`);
}

process.stdout.write(`\n${sections.join('\n\n')}\n`);
if (!reportOnly) writeFileSync(latestPath, `${JSON.stringify({ date, command, machine, seed, search, api, ingest }, null, 2)}\n`);
writeFileSync(
  join(packageRoot, 'BENCHMARKS.md'),
  `# Benchmarks

Produced by \`${reportOnly ? previous.command : command}\` on ${(reportOnly ? previous.date : date).slice(0, 10)}; rewritten by every run (do not edit by hand).

**Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ${machine.platform}, Node ${machine.node}. The load
generator and the server share the two cores. Each figure stands next to a baseline measured in the same run, with the
min – max spread of the runs: the machine is a shared VM and noisy, so compare ratios, not absolute numbers across runs.

${sections.join('\n\n')}
`,
);
log('wrote BENCHMARKS.md and bench/results/latest.json');

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
