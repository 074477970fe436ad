/**
 * The Yahoo Finance chart provider: one HTTP attempt per call, every outcome mapped to a `ChartPayload`
 * or a `ProviderError`. Yahoo is unofficial and hostile in all the ways an upstream can be (429s with
 * and without Retry-After, HTML and plain-text errors, truncated JSON, symbols that vanish), so
 * nothing here throws anything else — except an abort, which belongs to the caller that aborted.
 *
 * It speaks HTTP with fetch (undici) rather than yahoo-finance2, so tests can aim it at a loopback
 * server and so there is exactly one attempt here; retries, timeouts and pacing are the fetcher's.
 */
import { parseRetryAfter } from '../policy/backoff.js';
import { ProviderError, type ChartPayload, type ChartRequest, type Provider } from '../provider.js';
import { bodySnippet, formatYahooError, networkDetail, plainTextDetail, yahooError } from './failure-detail.js';
import { readText } from './read-text.js';
import { describeShapeError, yahooChartSchema } from './yahoo-chart-schema.js';
import { toChartPayload } from './to-chart-payload.js';

export const YAHOO_BASE_URL = 'https://query1.finance.yahoo.com';
/** Yahoo answers 429 to user agents it takes for scripts; a browser-like one is served normally. */
export const DEFAULT_USER_AGENT = 'Mozilla/5.0 (compatible; stockql/0.1)';

export interface YahooProviderOptions {
  /** Origin of the chart API; tests point it at a fake server on 127.0.0.1. @default 'https://query1.finance.yahoo.com' */
  baseUrl?: string;
  /** The HTTP client, injectable for tests. @default globalThis.fetch */
  fetch?: typeof fetch;
  /** Sent as User-Agent on every request. @default DEFAULT_USER_AGENT */
  userAgent?: string;
  /** A larger body is refused as malformed rather than buffered (a 10-year daily chart is ~0.5 MB). @default 16 MiB */
  maxBodyBytes?: number;
  /** Clock for Retry-After dates, in unix milliseconds. @default Date.now */
  now?: () => number;
}

/** Enough of an error body for its message; the rest is never read. */
const ERROR_BODY_BYTES = 16 * 1024;

export function chartUrl(baseUrl: string, request: ChartRequest): string {
  const base = baseUrl.replace(/\/+$/, '');
  const symbol = encodeURIComponent(request.symbol);
  return `${base}/v8/finance/chart/${symbol}?range=${request.range}&interval=${request.interval}&includePrePost=false&events=`;
}

/** An abort is the caller's (it knows whether it was a timeout or a shutdown); anything else is the network. */
function fromThrown(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  return new ProviderError({ kind: 'network', detail: networkDetail(error) });
}

async function httpFailure(response: Response, signal: AbortSignal, now: number): Promise<ProviderError> {
  let body = '';
  try {
    body = (await readText(response, ERROR_BODY_BYTES)).text;
  } catch {
    // The status already says what happened; a body cut short only costs us its detail.
    if (signal.aborted) throw signal.reason;
  }
  const error = yahooError(safeJson(body));
  // Yahoo answers an unknown or delisted symbol with 404 and a chart.error: that is "no data", not a
  // transport failure, and the caller treats the two differently (one marks the symbol, one is logged).
  if (response.status === 404 && error?.source === 'chart') return noData(formatYahooError(error));
  const detail = (error ? formatYahooError(error) : plainTextDetail(body)) || response.statusText;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now);
  return new ProviderError({ kind: 'http', status: response.status, retryAfterMs, detail });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null; // plain text or HTML: described as text
  }
}

const malformed = (detail: string) => new ProviderError({ kind: 'malformed', detail });
const noData = (detail: string) => new ProviderError({ kind: 'no-data', detail });

function parseChart(request: ChartRequest, text: string): ChartPayload {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw malformed(`expected JSON, got ${bodySnippet(text)} (${(error as Error).message})`);
  }
  const parsed = yahooChartSchema.safeParse(json);
  if (!parsed.success) throw malformed(describeShapeError(parsed.error));
  const { error, result } = parsed.data.chart;
  if (error) throw noData(formatYahooError({ code: error.code ?? null, description: error.description ?? null }));
  const first = result?.[0];
  if (!first) throw noData(`Yahoo returned no chart for ${request.symbol} (${request.range}, ${request.interval})`);
  return toChartPayload(request, first);
}

export function createYahooProvider(options: YahooProviderOptions = {}): Provider {
  const baseUrl = options.baseUrl ?? YAHOO_BASE_URL;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const headers = { accept: 'application/json', 'user-agent': options.userAgent ?? DEFAULT_USER_AGENT };
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const now = options.now ?? Date.now;

  return {
    name: 'yahoo',
    async fetchChart(request, signal) {
      let response: Response;
      try {
        response = await fetchImpl(chartUrl(baseUrl, request), { signal, headers });
      } catch (error) {
        throw fromThrown(error, signal);
      }
      if (!response.ok) throw await httpFailure(response, signal, now());
      let body;
      try {
        body = await readText(response, maxBodyBytes);
      } catch (error) {
        throw fromThrown(error, signal);
      }
      if (!body.complete) throw malformed(`body larger than ${maxBodyBytes} bytes`);
      return parseChart(request, body.text);
    },
  };
}
