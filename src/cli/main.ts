#!/usr/bin/env node
/**
 * The `stockql` command line: serve, seed, import, ingest, worker.
 */
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadEnv, type Env } from '../env.js';
import { importCommand } from './commands/import.js';
import { ingestCommand, type IngestCommandOptions } from './commands/ingest.js';
import { INGEST_RANGES, type IngestRange } from '../modules/market/ingest/provider.js';
import { seedCommand } from './commands/seed.js';
import { serve } from './commands/serve.js';
import { workerCommand } from './commands/worker.js';

function integer(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected an integer.');
  return n;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected a date as YYYY-MM-DD.');
  return value;
}

function positiveInteger(value: string): number {
  const n = integer(value);
  if (n < 1) throw new InvalidArgumentError('expected a positive integer.');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

function ingestRange(value: string): IngestRange {
  if (!(INGEST_RANGES as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${INGEST_RANGES.join(', ')}.`);
  return value as IngestRange;
}

function providerName(value: string): 'synthetic' | 'yahoo' {
  if (value !== 'synthetic' && value !== 'yahoo') throw new InvalidArgumentError('expected synthetic or yahoo.');
  return value;
}

/** The environment, with --database taking precedence over DATABASE_URL. */
function environment(command: Command): Env {
  const env = loadEnv();
  const database = command.optsWithGlobals<{ database?: string }>().database;
  return database ? { ...env, databasePath: database } : env;
}

const program = new Command()
  .name('stockql')
  .description('A fast GraphQL API for stocks, served from indexed SQLite.')
  .option('-d, --database <path>', 'SQLite file (default: $DATABASE_URL or ./data/stockql.db)')
  .showHelpAfterError();

program
  .command('serve')
  .description('serve the GraphQL API (seeds the embedded market into an empty database first)')
  .action(async (_options, command: Command) => serve(environment(command)));

program
  .command('seed')
  .description('rebuild the embedded market: every stock and bar is replaced')
  .option('--seed <n>', 'seed of the synthetic prices (default: $MARKET_SEED or 42)', integer)
  .option('--as-of <date>', 'last session of the history, YYYY-MM-DD (default: the last closed session)', isoDate)
  .action(async (options: { seed?: number; asOf?: string }, command: Command) => {
    process.exitCode = await seedCommand(environment(command), options);
  });

program
  .command('import')
  .description('import listings from a CSV file (columns symbol,name,sector,industry[,exchange,currency,marketCap,price])')
  .argument('<file>', 'CSV file')
  .option('--replace', 'remove listed stocks that the file does not name')
  .option('--skip-invalid', 'import the valid rows and report the invalid ones (exit code 2)')
  .option('--seed <n>', 'seed of the synthetic histories of new stocks', integer)
  .option('--as-of <date>', 'last session of new stocks\' histories, YYYY-MM-DD', isoDate)
  .action(async (file: string, options: { replace?: boolean; skipInvalid?: boolean; seed?: number; asOf?: string }, command: Command) => {
    process.exitCode = await importCommand(environment(command), file, options);
  });

program
  .command('ingest')
  .description('fetch quotes and bars from the market-data provider into the database')
  .option('--provider <name>', 'synthetic or yahoo (default: $MARKET_PROVIDER or synthetic)', providerName)
  .option('--symbols <list>', 'comma-separated symbols, e.g. AAPL,MSFT (default: every listed stock)')
  .option('--all', 'every listed stock (the default)')
  .option('--range <range>', `how far back: ${INGEST_RANGES.join(', ')}`, ingestRange, '1d')
  .option('--max-age <seconds>', 'skip stocks fetched for this range within this many seconds', positiveInteger)
  .option('--concurrency <n>', 'requests in flight at once (default: $INGEST_CONCURRENCY or 10)', positiveInteger)
  .option('--rate <n>', 'requests per second, retries included (default: $INGEST_RATE_PER_SECOND)', positiveNumber)
  .action(async (options: IngestCommandOptions, command: Command) => {
    process.exitCode = await ingestCommand(environment(command), options);
  });

program
  .command('worker')
  .description('run the background ingest updater on its own (one per database; a second one waits)')
  .action(async (_options, command: Command) => workerCommand(environment(command)));

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`stockql: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
