/**
 * The provider, fetch policy and updater a configuration asks for (`MARKET_PROVIDER`, `YAHOO_BASE_URL`,
 * `INGEST_CONCURRENCY`, `INGEST_RATE_PER_SECOND`, `INGEST_TIMEOUT_MS`, `INGEST_INTERVAL_SECONDS`).
 */
import type { MarketStore } from '../market.store.js';
import type { IngestStore } from './ingest.store.js';
import { createCallPolicy, type CallPolicy } from './policy/index.js';
import type { Provider } from './provider.js';
import { createSyntheticProvider } from './synthetic/synthetic-provider.js';
import { Updater, type UpdaterOptions } from './updater.js';
import { createYahooProvider } from './yahoo/yahoo-provider.js';

export type ProviderName = Provider['name'];

export interface ProviderSettings {
  provider: ProviderName;
  yahooBaseUrl: string;
  concurrency: number;
  /** Null: 5 per second for Yahoo (well under what it tolerates from one address), no limit for synthetic. */
  ratePerSecond: number | null;
  timeoutMs: number;
  /** Seed of the embedded market, which the synthetic provider continues. */
  marketSeed: number;
  /** The synthetic market's simulated clock; null or absent: real time. */
  marketClock?: { startMs: number; speed: number } | null;
}

/**
 * The synthetic market's clock: real time, or a simulated one that starts at `startMs` now and runs
 * `speed` times as fast, so a closed market can be watched trading (the live-market benchmark uses it).
 */
export function marketClock(settings: ProviderSettings['marketClock'], realNow: () => number = Date.now): () => number {
  if (!settings) return realNow;
  const startedAt = realNow();
  return () => settings.startMs + (realNow() - startedAt) * settings.speed;
}

/** Effectively no limit: the synthetic provider computes locally. */
const SYNTHETIC_RATE_PER_SECOND = 1_000_000;
const YAHOO_RATE_PER_SECOND = 5;

export function createProvider(settings: ProviderSettings, store: IngestStore): Provider {
  return settings.provider === 'yahoo'
    ? createYahooProvider({ baseUrl: settings.yahooBaseUrl })
    : createSyntheticProvider({ seed: settings.marketSeed, anchorOf: (symbol, before) => store.syntheticAnchor(symbol, before), now: marketClock(settings.marketClock) });
}

export function createFetchPolicy(settings: ProviderSettings): CallPolicy {
  const defaultRate = settings.provider === 'yahoo' ? YAHOO_RATE_PER_SECOND : SYNTHETIC_RATE_PER_SECOND;
  return createCallPolicy({
    requestsPerSecond: settings.ratePerSecond ?? defaultRate,
    concurrency: settings.concurrency,
    attemptTimeoutMs: settings.timeoutMs,
  });
}

/** The background updater for these settings over these stores (serve and worker build it alike). */
export function createUpdater(
  settings: ProviderSettings & { intervalSeconds: number },
  stores: { market: MarketStore; ingest: IngestStore },
  extras: Pick<UpdaterOptions, 'logger' | 'sharedLease' | 'afterCommit' | 'onRun'>,
): Updater {
  return new Updater({
    ...stores,
    ...extras,
    provider: createProvider(settings, stores.ingest),
    policy: createFetchPolicy(settings),
    intervalMs: settings.intervalSeconds * 1000,
  });
}
