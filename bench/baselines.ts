/**
 * The deterministic figures CI holds the line on: SQL statements per request for each scenario, cold
 * and warm. Timing never fails a build (the machine is too noisy); a statement count that grows does.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import type { ApiBenchResult } from './api.bench.js';

export const BASELINES_PATH = join(packageRoot, 'bench', 'baselines.json');

type Counts = Record<string, { cold: number; warm: number }>;

export function statementCounts(result: ApiBenchResult): Counts {
  return Object.fromEntries(result.scenarios.map((s) => [s.name, { cold: s.targets.cold.statementsPerRequest ?? 0, warm: s.targets.warm.statementsPerRequest ?? 0 }]));
}

/** Problems (regressions or scenarios missing from the baselines); empty when all hold. */
export function checkStatementBaselines(result: ApiBenchResult, path = BASELINES_PATH): { regressions: string[]; improvements: string[] } {
  const baselines: Counts = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { statementsPerRequest: Counts }).statementsPerRequest : {};
  const regressions: string[] = [];
  const improvements: string[] = [];
  for (const [name, now] of Object.entries(statementCounts(result))) {
    const before = baselines[name];
    if (!before) {
      regressions.push(`${name}: no baseline in bench/baselines.json (run \`npm run bench -- --quick --update-baselines\` and commit it)`);
      continue;
    }
    for (const mode of ['cold', 'warm'] as const) {
      if (now[mode] > before[mode]) regressions.push(`${name} (${mode}): ${now[mode]} SQL statements per request, baseline ${before[mode]}`);
      if (now[mode] < before[mode]) improvements.push(`${name} (${mode}): ${now[mode]} SQL statements per request, baseline ${before[mode]}: lower the baseline`);
    }
  }
  return { regressions, improvements };
}

export function writeStatementBaselines(result: ApiBenchResult, path = BASELINES_PATH): void {
  writeFileSync(path, `${JSON.stringify({ statementsPerRequest: statementCounts(result) }, null, 2)}\n`);
}
