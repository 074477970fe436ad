/**
 * The market every HTTP benchmark runs on: the embedded market seeded by the built CLI as of a fixed date,
 * so runs on different days measure the same data.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** The seeded market's last session: the Friday after Thanksgiving 2026 (an early close). */
export const BENCH_AS_OF = '2026-11-27';

/** Seeds a fresh market file in `dir` and returns its path; throws with the CLI's output when it fails. */
export function seedBenchMarket(dir: string, name = 'market.db'): string {
  const path = join(dir, name);
  const seeded = spawnSync(process.execPath, [join(packageRoot, 'bin', 'stockql.js'), '--database', path, 'seed', '--as-of', BENCH_AS_OF], { encoding: 'utf8' });
  if (seeded.status !== 0) throw new Error(`seeding the benchmark market failed: ${seeded.stderr}`);
  return path;
}
