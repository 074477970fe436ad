/**
 * What `scripts/build-operation-manifest.ts` does, here so it is typechecked and testable in-process:
 * read `operations/**\/*.graphql`, validate them against schema.graphql, and write the manifest — or, with
 * `check`, only say whether the committed manifest is what the operations produce now (for CI, like
 * `codegen --check`).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { buildSchema } from 'graphql';
import { packageRoot, schemaPath } from '../../paths.js';
import { buildOperationManifest, type OperationFile } from './build-manifest.js';
import { operationManifestPath, serializeOperationManifest, type OperationManifest } from './operation-manifest.js';

export interface ManifestCommandOptions {
  /** Compare instead of writing; a stale or missing manifest is a failure. @default false */
  check?: boolean;
  /** @default <package>/operations */
  operationsDir?: string;
  /** @default <package>/src/generated/operation-manifest.json */
  manifestPath?: string;
  /** @default <package>/schema.graphql */
  schemaPath?: string;
}

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the command; returns the process exit code (0 done or up to date, 1 invalid or stale). */
export function runManifestCommand(options: ManifestCommandOptions, output: CommandOutput): number {
  const operationsDir = options.operationsDir ?? join(packageRoot, 'operations');
  const manifestPath = options.manifestPath ?? operationManifestPath;
  // Relative to where the command runs when inside it (`operations/movers.graphql`), else absolute.
  const show = (path: string) => {
    const near = relative(process.cwd(), path);
    return near === '' || near.startsWith('..') || isAbsolute(near) ? path : near;
  };

  const files = readOperationFiles(operationsDir).map((file) => ({ ...file, path: show(file.path) }));
  if (files.length === 0) {
    output.err(`No .graphql files in ${show(operationsDir)}: the safelist would refuse every operation. Add the operations clients send there.`);
    return 1;
  }
  const schema = buildSchema(readFileSync(options.schemaPath ?? schemaPath, 'utf8'));
  const result = buildOperationManifest(files, schema);
  if (result.kind === 'invalid') {
    output.err(`${result.problems.length} problem(s) in ${show(operationsDir)}; no manifest was written:`);
    for (const problem of result.problems) output.err(`  - ${problem}`);
    return 1;
  }
  const text = serializeOperationManifest(result.manifest);
  const committed = existsSync(manifestPath) ? readFileSync(manifestPath, 'utf8') : undefined;
  const count = `${result.manifest.operations.length} operations`;
  if (committed === text) {
    output.out(`${show(manifestPath)} is up to date (${count}).`);
    return 0;
  }
  if (options.check) {
    const what = committed === undefined ? 'is missing' : `is stale (${describeChange(committed, result.manifest)})`;
    output.err(`${show(manifestPath)} ${what}: run \`npm run operations\` and commit the result.`);
    return 1;
  }
  mkdirSync(dirname(manifestPath), { recursive: true });
  writeFileSync(manifestPath, text);
  output.out(`Wrote ${count} to ${show(manifestPath)}.`);
  return 0;
}

/** Every `.graphql`/`.gql` file below `dir`, in a stable order (the manifest must not depend on the file system's). */
export function readOperationFiles(dir: string): OperationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(graphql|gql)$/.test(name))
    .sort()
    .map((name) => ({ path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') }));
}

/** "added X; removed Y; changed Z", by operation name, so a reviewer sees what the stale file misses. */
function describeChange(committedText: string, fresh: OperationManifest): string {
  let committed: Map<string, string>;
  try {
    const parsed = JSON.parse(committedText) as Partial<OperationManifest>;
    committed = new Map((parsed.operations ?? []).map((o) => [o.name, o.id]));
  } catch {
    return 'not valid JSON';
  }
  const now = new Map(fresh.operations.map((o) => [o.name, o.id]));
  const added = [...now.keys()].filter((name) => !committed.has(name));
  const removed = [...committed.keys()].filter((name) => !now.has(name));
  const changed = [...now.keys()].filter((name) => committed.has(name) && committed.get(name) !== now.get(name));
  const parts = [
    added.length ? `added ${added.join(', ')}` : '',
    removed.length ? `removed ${removed.join(', ')}` : '',
    changed.length ? `changed ${changed.join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'formatting differs';
}
