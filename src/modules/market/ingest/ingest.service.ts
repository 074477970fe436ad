/**
 * One ingest run: fetch a chart per stock from a provider, validate it, and commit the good ones in
 * batches. The rules that keep what users see safe from a hostile provider live here:
 * - every answer is validated before it can reach a write; a rejected one leaves the stored data as it was;
 * - writes are batches of whole stocks, one transaction each (with their fetch times), so a process killed
 *   mid-run leaves every batch either fully committed or absent;
 * - each commit bumps the data version (the market store does), which retires every cache entry, and then
 *   `afterCommit` runs (the API process refreshes its search index there).
 * Fetching goes through `callWithPolicy`: rate limit, bounded concurrency, retries, circuit breaker.
 */
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { MarketStore, StockWrite } from '../market.store.js';
import type { IngestStore, IngestTarget } from './ingest.store.js';
import { callWithPolicy, type CallPolicy } from './policy/index.js';
import { INTERVAL_FOR_RANGE, type IngestRange, type Provider } from './provider.js';
import { toStockWrite } from './to-stock-write.js';
import { validateChartPayload } from './validate-payload.js';

export interface IngestRequest {
  provider: Provider;
  policy: CallPolicy;
  /** Symbols to refresh (normalised), or every listed stock. */
  symbols: readonly string[] | 'all';
  range: IngestRange;
  /**
   * Stocks fetched for this range within this many milliseconds are skipped ("cache first").
   * @default 0 (fetch everything)
   */
  freshForMs?: number;
  /**
   * Stocks per write transaction.
   * @default 50
   */
  batchSize?: number;
  signal?: AbortSignal;
  /** Called as stocks finish (fetched, rejected or failed), with the count of stocks to fetch. */
  onProgress?: (done: number, total: number) => void;
  /** Called after each committed batch. */
  afterCommit?: () => void | Promise<void>;
  /** @default Date.now */
  now?: () => number;
}

export interface SymbolProblem {
  symbol: string;
  reason: string;
}

export interface IngestSummary {
  /** Stocks asked for that are listed. */
  listed: number;
  /** Answers that passed validation. */
  fetched: number;
  /** Stocks whose data was committed. */
  updated: number;
  skippedFresh: number;
  /** Retries made (attempts beyond each stock's first). */
  retried: number;
  /** Answers refused by validation, with the reason; their stored data is unchanged. */
  rejected: SymbolProblem[];
  /** Stocks with no usable answer (provider errors, retries exhausted, open circuit, not listed). */
  failed: SymbolProblem[];
  /** Requests sent to the provider, retries included. */
  requests: number;
  /** Committed write transactions. */
  batches: number;
  elapsedMs: number;
}

export interface IngestDependencies {
  market: MarketStore;
  ingest: IngestStore;
}

export async function runIngest(stores: IngestDependencies, request: IngestRequest): Promise<IngestSummary> {
  const started = performance.now();
  const now = request.now ?? Date.now;
  const freshForMs = request.freshForMs ?? 0;
  const batchSize = request.batchSize ?? 50;
  const interval = INTERVAL_FOR_RANGE[request.range];
  const targets = await stores.ingest.targets(request.symbols, request.range);
  const summary: IngestSummary = { listed: targets.length, fetched: 0, updated: 0, skippedFresh: 0, retried: 0, rejected: [], failed: [], requests: 0, batches: 0, elapsedMs: 0 };
  if (request.symbols !== 'all') {
    const listed = new Set(targets.map((t) => t.facts.symbol));
    for (const symbol of request.symbols) if (!listed.has(symbol)) summary.failed.push({ symbol, reason: 'not listed: import it first' });
  }
  const due = targets.filter((t) => !(t.fetchedAt !== null && now() - t.fetchedAt < freshForMs));
  summary.skippedFresh = targets.length - due.length;

  let pending: Array<{ write: StockWrite; fetchedAt: number }> = [];
  let writing = Promise.resolve();
  const flush = () => {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return writing;
    // Batches commit one after another, in the order they filled.
    writing = writing.then(async () => {
      await stores.market.write(
        batch.map((b) => b.write),
        { beforeCommit: () => stores.ingest.markFetched(request.range, batch.map((b) => ({ symbol: b.write.facts.symbol, fetchedAt: b.fetchedAt }))) },
      );
      summary.updated += batch.length;
      summary.batches += 1;
      await request.afterCommit?.();
    });
    return writing;
  };

  // Every stock's call listens to the one abort signal; that many listeners is by design, not a leak.
  if (request.signal) setMaxListeners(due.length + 10, request.signal);
  let done = 0;
  const fetchOne = async (target: IngestTarget) => {
    const symbol = target.facts.symbol;
    try {
      const chartRequest = { symbol, range: request.range, interval };
      const outcome = await callWithPolicy(
        (signal) => {
          summary.requests += 1;
          return request.provider.fetchChart(chartRequest, signal);
        },
        request.policy,
        { signal: request.signal, onRetry: () => void (summary.retried += 1) },
      );
      const verdict = validateChartPayload(chartRequest, outcome.value);
      if (!verdict.ok) {
        summary.rejected.push({ symbol, reason: verdict.reason });
      } else {
        summary.fetched += 1;
        pending.push({ write: toStockWrite(target, verdict.payload), fetchedAt: now() });
        if (pending.length >= batchSize) void flush().catch(() => undefined);
      }
    } catch (error) {
      if (request.signal?.aborted) throw error;
      summary.failed.push({ symbol, reason: error instanceof Error ? error.message : String(error) });
    } finally {
      done += 1;
      request.onProgress?.(done, due.length);
    }
  };

  // Settled, not all: on an abort every fetch stops first, so nothing lands after the last flush.
  await Promise.allSettled(due.map(fetchOne));
  // What was fetched before an abort is still committed; a write error is thrown, not swallowed.
  await flush();
  request.signal?.throwIfAborted();
  summary.elapsedMs = performance.now() - started;
  return summary;
}
