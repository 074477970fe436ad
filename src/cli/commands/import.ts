/**
 * `stockql import <file.csv>`: validates and imports listings (see importListings for the rules).
 * Exit code 0 when every row was imported, 1 when the file was refused, 2 when rows were skipped.
 */
import { readFileSync } from 'node:fs';
import type { Env } from '../../env.js';
import { importListings } from '../../modules/market/import/import-listings.js';
import type { RowProblem } from '../../modules/market/import/parse-listings-csv.js';
import { createProgress } from '../progress.js';
import { openMarket } from './open-writable.js';

export interface ImportCommandOptions {
  replace?: boolean;
  skipInvalid?: boolean;
  seed?: number;
  asOf?: string;
}

const SHOWN_PROBLEMS = 50;

function printProblems(file: string, problems: RowProblem[]): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS)) {
    const where = p.column ? ` (${p.column}${p.value !== null ? ` = ${JSON.stringify(p.value)}` : ''})` : '';
    process.stderr.write(`${file}:${p.line}${where}: ${p.message}\n`);
  }
  if (problems.length > SHOWN_PROBLEMS) process.stderr.write(`… and ${problems.length - SHOWN_PROBLEMS} more problems\n`);
}

export async function importCommand(env: Env, file: string, options: ImportCommandOptions): Promise<number> {
  let csv: Buffer;
  try {
    csv = readFileSync(file);
  } catch (error) {
    process.stderr.write(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 1;
  }
  const { database, store } = openMarket(env.databasePath);
  try {
    const progress = createProgress('import');
    const result = await importListings(store, csv, {
      replace: options.replace,
      skipInvalid: options.skipInvalid,
      seed: options.seed ?? env.marketSeed,
      asOf: options.asOf,
      onProgress: (done, total) => progress.update(done, total),
    });
    if (result.kind === 'rejected') {
      printProblems(file, result.problems);
      process.stderr.write(`Import refused: ${result.reason}.${result.problems.length > 0 && result.reason.includes('problem') ? ' Fix the rows above, or pass --skip-invalid to import the valid rows only.' : ''}\n`);
      return 1;
    }
    if (result.skipped.length > 0) printProblems(file, result.skipped);
    if (result.ignoredColumns.length > 0) process.stderr.write(`Ignored columns: ${result.ignoredColumns.join(', ')}\n`);
    progress.done(
      `${result.added} added, ${result.updated} updated, ${result.removed} removed, ${result.skipped.length} invalid rows skipped; ` +
        `${result.bars.toLocaleString('en-US')} bars written in ${(result.elapsedMs / 1000).toFixed(2)} s into ${env.databasePath}`,
    );
    return result.skipped.length > 0 ? 2 : 0;
  } finally {
    database.close();
  }
}
