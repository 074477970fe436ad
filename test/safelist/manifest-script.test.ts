/**
 * scripts/build-operation-manifest.ts: it writes the manifest, `--check` fails on a stale or missing one
 * (run as CI runs it: tsx, a child process), and invalid operations stop it with every problem listed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runManifestCommand } from '../../src/graphql/safelist/manifest-command.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'stockql-manifest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runScript(...args: string[]) {
  const result = spawnSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'build-operation-manifest.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of operations/ and a manifest path of its own, so a test can change them freely. */
function workspace(name: string) {
  const operations = join(dir, name, 'operations');
  cpSync(join(root, 'operations'), operations, { recursive: true });
  const out = join(dir, name, 'manifest.json');
  return { operations, out, args: ['--operations', operations, '--out', out] };
}

/** The command in-process, for the cases that need no child process. */
function runInProcess(options: { check?: boolean; operationsDir: string; manifestPath: string }) {
  const lines = { out: [] as string[], err: [] as string[] };
  const code = runManifestCommand(options, { out: (line) => lines.out.push(line), err: (line) => lines.err.push(line) });
  return { code, stdout: lines.out.join('\n'), stderr: lines.err.join('\n') };
}

describe('build-operation-manifest', () => {
  it('finds the committed manifest up to date with operations/ (what CI checks)', () => {
    const result = runScript('--check');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/operation-manifest\.json is up to date \(\d+ operations\)/);
  });

  it('fails --check on a stale manifest, naming what changed, until the manifest is rebuilt', () => {
    const space = workspace('stale');
    const paths = { operationsDir: space.operations, manifestPath: space.out };
    expect(runInProcess(paths).stdout).toMatch(/Wrote \d+ operations to .*manifest\.json/);

    const movers = join(space.operations, 'movers.graphql');
    writeFileSync(movers, readFileSync(movers, 'utf8').replace('...StockRow', '...StockRow\n    industry'));
    writeFileSync(join(space.operations, 'sector-names.graphql'), 'query SectorNames { sectors { sector } }\n');
    const before = readFileSync(space.out, 'utf8');
    const stale = runScript('--check', ...space.args);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${space.out} is stale (added SectorNames; changed Movers): run \`npm run operations\` and commit the result.`);
    expect(readFileSync(space.out, 'utf8')).toBe(before);

    expect(runInProcess(paths).code).toBe(0);
    expect(runInProcess({ ...paths, check: true })).toMatchObject({ code: 0, stdout: expect.stringMatching(/is up to date/) });
  });

  it('fails --check when there is no manifest at all', () => {
    const space = workspace('missing');
    const result = runInProcess({ check: true, operationsDir: space.operations, manifestPath: space.out });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${space.out} is missing: run \`npm run operations\` and commit the result.`);
  });

  it('stops on operations the schema cannot run, listing every problem and writing nothing', () => {
    const space = workspace('invalid');
    writeFileSync(join(space.operations, 'typo.graphql'), 'query Typo {\n  stock(symbol: "AAPL") { nmae }\n}\n');
    writeFileSync(join(space.operations, 'movers.graphql'), 'query Movers { movers { symbol } }\n');
    const result = runInProcess({ operationsDir: space.operations, manifestPath: space.out });
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')).toEqual([
      `2 problem(s) in ${space.operations}; no manifest was written:`,
      `  - ${join(space.operations, 'movers.graphql')}:1:16 Field "movers" argument "type" of type "MoverType!" is required, but it was not provided.`,
      `  - ${join(space.operations, 'typo.graphql')}:2:27 Cannot query field "nmae" on type "Stock". Did you mean "name"?`,
    ]);
    expect(existsSync(space.out)).toBe(false);
  });
});
