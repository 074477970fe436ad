import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ApiBenchResult, TargetFigures } from '../bench/api.bench.js';
import { checkStatementBaselines, writeStatementBaselines } from '../bench/baselines.js';

const dir = mkdtempSync(join(tmpdir(), 'stockql-baselines-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function result(counts: Record<string, [number, number]>): ApiBenchResult {
  const figures = (statements: number | null): TargetFigures => ({
    requestsPerSecond: { median: 1, min: 1, max: 1, runs: [1] },
    p50Ms: 1, p99Ms: 1, bytesPerResponse: 1, statementsPerRequest: statements, errors: 0,
  });
  return {
    scenarios: Object.entries(counts).map(([name, [cold, warm]]) => ({ name, description: name, targets: { cold: figures(cold), warm: figures(warm), bare: figures(null) } })),
    peakRssBytes: { cold: 0, warm: 0 }, connections: 1, durationSeconds: 1, runs: 1, pinned: false,
  };
}

describe('the benchmark statement baselines', () => {
  const path = join(dir, 'baselines.json');
  writeStatementBaselines(result({ stock: [1, 0], stocks100: [3, 0] }), path);

  it('pass when no scenario runs more SQL than recorded', () => {
    expect(checkStatementBaselines(result({ stock: [1, 0], stocks100: [3, 0] }), path).regressions).toEqual([]);
  });

  it('fail when a scenario runs more SQL per request, naming it and the mode', () => {
    const { regressions } = checkStatementBaselines(result({ stock: [1, 0], stocks100: [4, 0] }), path);
    expect(regressions).toEqual(['stocks100 (cold): 4 SQL statements per request, baseline 3']);
  });

  it('fail for a scenario without a baseline, and report improvements without failing', () => {
    const outcome = checkStatementBaselines(result({ stock: [0, 0], stocks100: [3, 0], movers: [3, 0] }), path);
    expect(outcome.regressions).toHaveLength(1);
    expect(outcome.regressions[0]).toMatch(/^movers: no baseline/);
    expect(outcome.improvements).toEqual(['stock (cold): 0 SQL statements per request, baseline 1: lower the baseline']);
  });
});
