/**
 * The market every HTTP benchmark runs on: the embedded market seeded by the built CLI as of a fixed date,
 * so runs on different days measure the same data.
 *
 * Seeded once per build and run: the first request for a build's market seeds it into a directory of this
 * process (removed at exit), and every request copies that file. A seed takes seconds, and the api, live
 * and peer benchmarks would otherwise each pay for it; a copy is the same fresh file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

/** The seeded market's last session: the Friday after Thanksgiving 2026 (an early close). */
export const BENCH_AS_OF = '2026-11-27';

let templates: { dir: string; byRoot: Map<string, string> } | null = null;

function template(root: string): string {
  if (!templates) {
    templates = { dir: mkdtempSync(join(tmpdir(), 'stockql-bench-market-')), byRoot: new Map() };
    const { dir } = templates;
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  }
  let path = templates.byRoot.get(root);
  if (!path) {
    path = join(templates.dir, `market-${templates.byRoot.size}.db`);
    const seeded = spawnSync(process.execPath, [join(root, 'bin', 'stockql.js'), '--database', path, 'seed', '--as-of', BENCH_AS_OF], { encoding: 'utf8' });
    if (seeded.status !== 0) throw new Error(`seeding the benchmark market with ${root} failed: ${seeded.stderr}`);
    templates.byRoot.set(root, path);
  }
  return path;
}

/**
 * A fresh copy of the seeded market in `dir`; returns its path, or throws with the CLI's output when the
 * seed fails. `root` is the build whose CLI seeds (and whose migrations shape the file): a server is always
 * started on a file its own build created, so a baseline build never meets a schema it does not know.
 * @default root this package
 */
export function seedBenchMarket(dir: string, name = 'market.db', root = packageRoot): string {
  const path = join(dir, name);
  // The seed closes the file checkpointed (no -wal beside it), so the .db file alone is the whole market.
  copyFileSync(template(root), path);
  return path;
}
