/**
 * What a market-data provider answers, and how it fails. Providers (synthetic, Yahoo) translate their
 * source into a `ChartPayload`; nothing they return is trusted until `validateChartPayload` accepted it.
 */

/** How far back a chart request reaches (Yahoo's `range` parameter). */
export type IngestRange = '1d' | '5d' | '1mo' | '3mo' | '6mo' | '1y' | '2y' | '5y' | '10y' | 'max';
export const INGEST_RANGES: readonly IngestRange[] = ['1d', '5d', '1mo', '3mo', '6mo', '1y', '2y', '5y', '10y', 'max'];

/** Bar sizes we store (Yahoo's `interval` parameter). */
export type BarInterval = '1m' | '5m' | '1h' | '1d';
export const INTERVAL_SECONDS: Record<BarInterval, number> = { '1m': 60, '5m': 300, '1h': 3600, '1d': 86400 };

/** The interval each range is fetched at: the finest we store that the provider serves for that range. */
export const INTERVAL_FOR_RANGE: Record<IngestRange, BarInterval> = {
  '1d': '1m',
  '5d': '5m',
  '1mo': '1h',
  '3mo': '1h',
  '6mo': '1d',
  '1y': '1d',
  '2y': '1d',
  '5y': '1d',
  '10y': '1d',
  max: '1d',
};

export interface ChartRequest {
  symbol: string;
  range: IngestRange;
  interval: BarInterval;
}

/** The latest quote as the provider states it; prices in the listing's currency. */
export interface ProviderQuote {
  price: number;
  previousClose: number | null;
  open: number | null;
  high: number | null;
  low: number | null;
  volume: number | null;
  /** Unix milliseconds of the quote. */
  time: number;
  currency: string | null;
}

export interface ProviderBar {
  /** Unix seconds of the bar's start. */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/** One chart answer, not yet validated: numbers may be NaN, negative or out of order. */
export interface ChartPayload {
  /** The symbol the provider says this is (must equal the one asked for). */
  symbol: string;
  interval: BarInterval;
  quote: ProviderQuote;
  bars: ProviderBar[];
}

export interface Provider {
  readonly name: 'synthetic' | 'yahoo';
  /**
   * One attempt at one chart. Throws a ProviderError; the caller (the fetcher) owns retries, timeouts
   * (through `signal`), rate limits and the circuit breaker.
   */
  fetchChart(request: ChartRequest, signal: AbortSignal): Promise<ChartPayload>;
}

/**
 * How an attempt failed. `retryable` follows one rule for every provider: network errors, timeouts, 429
 * and 5xx are worth another attempt; anything else (a 404, a payload that is not a chart) is not.
 */
export type ProviderFailure =
  | { kind: 'network'; detail: string }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'http'; status: number; retryAfterMs: number | null; detail: string }
  | { kind: 'malformed'; detail: string }
  | { kind: 'no-data'; detail: string };

export class ProviderError extends Error {
  constructor(readonly failure: ProviderFailure) {
    super(describeFailure(failure));
    this.name = 'ProviderError';
  }

  get retryable(): boolean {
    const f = this.failure;
    switch (f.kind) {
      case 'network':
      case 'timeout':
        return true;
      case 'http':
        return f.status === 429 || f.status >= 500;
      case 'malformed':
      case 'no-data':
        return false;
    }
  }

  /** The server's Retry-After, in milliseconds, when it sent one. */
  get retryAfterMs(): number | null {
    return this.failure.kind === 'http' ? this.failure.retryAfterMs : null;
  }
}

export function describeFailure(f: ProviderFailure): string {
  switch (f.kind) {
    case 'network':
      return `network error: ${f.detail}`;
    case 'timeout':
      return `no answer within ${f.afterMs} ms`;
    case 'http':
      return `HTTP ${f.status}${f.detail ? `: ${f.detail}` : ''}`;
    case 'malformed':
      return `malformed answer: ${f.detail}`;
    case 'no-data':
      return `no data: ${f.detail}`;
  }
}
