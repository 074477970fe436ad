/**
 * `stockql ingest`: fetches quotes and bars from the configured provider into the database, with a
 * progress bar (plain lines when not a terminal) and a summary. Exit code 0 when every stock was
 * updated or skipped as fresh, 2 when some were rejected or failed, 1 when the run could not start or
 * nothing could be updated.
 */
import type { Env } from '../../env.js';
import { createFetchPolicy, createProvider, type ProviderName } from '../../modules/market/ingest/create-provider.js';
import { createIngestStore } from '../../modules/market/ingest/ingest.store.js';
import { runIngest, type IngestSummary, type SymbolProblem } from '../../modules/market/ingest/ingest.service.js';
import type { IngestRange } from '../../modules/market/ingest/provider.js';
import { normalizeSymbol, SYMBOL_RULE } from '../../modules/stocks/symbol.js';
import { createProgress } from '../progress.js';
import { openMarket } from './open-writable.js';

export interface IngestCommandOptions {
  provider?: ProviderName;
  symbols?: string;
  all?: boolean;
  range: IngestRange;
  maxAge?: number;
  concurrency?: number;
  rate?: number;
}

const SHOWN_PROBLEMS = 50;

function printProblems(kind: string, problems: SymbolProblem[]): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS)) process.stderr.write(`${kind} ${p.symbol}: ${p.reason}\n`);
  if (problems.length > SHOWN_PROBLEMS) process.stderr.write(`… and ${problems.length - SHOWN_PROBLEMS} more ${kind}\n`);
}

function describe(s: IngestSummary): string {
  return (
    `${s.fetched} fetched, ${s.updated} updated, ${s.skippedFresh} skipped as fresh, ${s.retried} retried, ` +
    `${s.rejected.length} rejected, ${s.failed.length} failed; ${s.requests} requests in ${(s.elapsedMs / 1000).toFixed(1)} s`
  );
}

/** The symbols asked for, normalised; a message when one is not a ticker. */
function parseSymbols(list: string): string[] | string {
  const symbols: string[] = [];
  for (const raw of list.split(',').map((s) => s.trim()).filter(Boolean)) {
    const symbol = normalizeSymbol(raw);
    if (!symbol) return `${JSON.stringify(raw)} is not a ticker symbol: use ${SYMBOL_RULE}.`;
    symbols.push(symbol);
  }
  return symbols.length > 0 ? symbols : '--symbols names no symbol: pass a comma-separated list, or --all.';
}

export async function ingestCommand(env: Env, options: IngestCommandOptions): Promise<number> {
  if (options.symbols !== undefined && options.all) {
    process.stderr.write('Pass either --symbols or --all, not both.\n');
    return 1;
  }
  const symbols = options.symbols === undefined ? 'all' : parseSymbols(options.symbols);
  if (typeof symbols === 'string' && symbols !== 'all') {
    process.stderr.write(`${symbols}\n`);
    return 1;
  }
  const settings = {
    ...env.ingest,
    provider: options.provider ?? env.ingest.provider,
    concurrency: options.concurrency ?? env.ingest.concurrency,
    ratePerSecond: options.rate ?? env.ingest.ratePerSecond,
    marketSeed: env.marketSeed,
  };
  const { database, store } = openMarket(env.databasePath);
  const ingest = createIngestStore(database.sqlite);
  // Ctrl-C stops fetching; what was fetched is still committed, batch by batch.
  const abort = new AbortController();
  const stop = () => abort.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  try {
    const progress = createProgress(`ingest ${settings.provider}`);
    const summary = await runIngest(
      { market: store, ingest },
      {
        provider: createProvider(settings, ingest),
        policy: createFetchPolicy(settings),
        symbols,
        range: options.range,
        freshForMs: (options.maxAge ?? 0) * 1000,
        signal: abort.signal,
        onProgress: (done, total) => progress.update(done, total),
      },
    );
    printProblems('rejected', summary.rejected);
    printProblems('failed', summary.failed);
    progress.done(describe(summary));
    if (summary.rejected.length === 0 && summary.failed.length === 0) return 0;
    return summary.updated > 0 || summary.skippedFresh > 0 ? 2 : 1;
  } finally {
    process.off('SIGINT', stop);
    database.close();
  }
}
