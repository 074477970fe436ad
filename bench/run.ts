/**
 * `npm run bench`: runs the benchmarks, prints a table, and rewrites bench/results/latest.json and
 * BENCHMARKS.md. Every figure stands next to a baseline measured in the same run.
 *   --quick   fewer runs (a smoke test of the benchmark itself)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, freemem, totalmem } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { fmt } from './lib/stats.js';
import { runSeedBench } from './seed.bench.js';

const quick = process.argv.includes('--quick');
const log = (line: string) => process.stderr.write(`${line}\n`);

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  freeMemoryGiB: Math.round(freemem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const date = new Date().toISOString();
const command = `npm run bench${quick ? ' -- --quick' : ''}`;

log(`stockql benchmarks on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node ${machine.node}`);
const seed = await runSeedBench({ runs: quick ? 1 : 5, log });

const spread = (s: { min: number; max: number }) => `${fmt(s.min)} – ${fmt(s.max)}`;
const seedRows: [string, { median: number; min: number; max: number }, boolean][] = [
  ['seed end to end (generate + write, built `stockql seed`)', seed.endToEnd, true],
  ['write only (batched multi-row upserts, one transaction)', seed.writeOnly, true],
  ['baseline: the same bars, one single-row INSERT each, one transaction', seed.baselineSingleRowInserts, true],
  ['generate only (synthetic random walk, no database; runs on a second core during a seed)', seed.generateOnly, false],
];
const baseline = seed.baselineSingleRowInserts.median;
const seedTable = [
  '| what is timed | bars/s (median) | min – max | vs baseline |',
  '|---|---:|---:|---:|',
  ...seedRows.map(([label, s, writes]) => `| ${label} | ${fmt(s.median)} | ${spread(s)} | ${writes ? `${(s.median / baseline).toFixed(2)}×` : 'n/a'} |`),
].join('\n');

process.stdout.write(`\nSeeding ${seed.stocks} stocks, ${fmt(seed.bars)} bars\n${seedTable}\n`);

const results = { date, command, machine, seed };
mkdirSync(join(packageRoot, 'bench', 'results'), { recursive: true });
writeFileSync(join(packageRoot, 'bench', 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);

const markdown = `# Benchmarks

Produced by \`${command}\` on ${date.slice(0, 10)}. Rewritten by every run; do not edit by hand.

**Machine:** ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory, ${machine.platform}, Node ${machine.node}.
Each figure is the median of ${quick ? 1 : 5} runs, with the min – max spread, next to a baseline measured in
the same run. The machine is shared and noisy: compare ratios, not absolute numbers across runs.

## Seeding the embedded market

${seed.stocks} stocks, ${fmt(seed.bars)} bars (5 years of daily bars, 3 months of hourly bars, 5 sessions of
5-minute bars and the last session's 1-minute bars, per stock), into a fresh SQLite file in WAL mode.

${seedTable}

"End to end" is what \`stockql seed\` and the first \`npm start\` do: the seed issue's target is 500,000 bars/s.
The baseline writes the same bars the straightforward way, one prepared single-row INSERT per bar.
`;
writeFileSync(join(packageRoot, 'BENCHMARKS.md'), markdown);
log('wrote BENCHMARKS.md and bench/results/latest.json');
