/**
 * The synthetic provider: the embedded market keeps trading in wall-clock time, with no network.
 *
 * Each stock continues from its latest stored daily bar (the anchor): every session after it, up to the
 * one in progress, is simulated with the same keyed draws that seeded the history, each from the close
 * of the one before. The clock only decides how much is revealed — minute bars once they have ended,
 * the day's partial daily bar, the quote at the last ended minute — so the same (seed, anchor, now)
 * always gives the same payload, and a later `now` only adds to what an earlier one showed.
 */
import { ProviderError, type ChartPayload, type ChartRequest, type Provider, type ProviderBar, type ProviderQuote } from '../provider.js';
import { withinRange } from './range-sessions.js';
import { appendRevealedBars, revealedDailyBar } from './reveal-bars.js';
import { anchorCutoffAt, sessionOnDateOf, sessionsRevealedAfter } from './revealed-sessions.js';
import { DEFAULT_CACHED_SESSIONS, SessionChain, type ChainedSession } from './session-chain.js';
import type { TradingSession } from '../../calendar/index.js';

/** The embedded market quotes every listing in dollars. */
const CURRENCY = 'USD';

export interface SyntheticAnchor {
  sector: string | null;
  sharesOutstanding: number;
  /** The stock's latest stored daily bar: its session's open time (unix seconds) and close. */
  lastDaily: { time: number; close: number };
}

export interface SyntheticProviderOptions {
  /** The market seed (MARKET_SEED) the stored histories were generated with. */
  seed: number;
  /**
   * Reads a stock's anchor from the database; null when the symbol is not listed. It should return the
   * latest daily bar that starts before `before` (unix seconds, the open of the latest session that has
   * begun): that session is always simulated afresh, so a partial daily bar stored for it mid-session
   * is never mistaken for a close. An implementation that ignores `before` still works until it stores
   * a partial bar; from then on the stock shows no new bars until the next session.
   */
  anchorOf: (symbol: string, before: number) => Promise<SyntheticAnchor | null>;
  /**
   * The clock, unix milliseconds.
   * @default Date.now
   */
  now?: () => number;
  /**
   * Simulated sessions kept between requests (about 23 kB each).
   * @default 1024
   */
  cachedSessions?: number;
}

export interface SyntheticProvider extends Provider {
  readonly name: 'synthetic';
  /** Sessions simulated so far rather than served from the cache (for logs and tests). */
  readonly simulatedSessions: number;
}

export function createSyntheticProvider(options: SyntheticProviderOptions): SyntheticProvider {
  const now = options.now ?? Date.now;
  const chain = new SessionChain(options.seed, options.cachedSessions ?? DEFAULT_CACHED_SESSIONS);
  return {
    name: 'synthetic',
    get simulatedSessions() {
      return chain.simulatedSessions;
    },
    async fetchChart(request: ChartRequest, signal: AbortSignal): Promise<ChartPayload> {
      // One instant per request: the anchor cut-off and what is revealed must agree.
      const nowMs = now();
      // An abort belongs to the caller, which knows whether it was a deadline or a shutdown (as in Yahoo's).
      signal.throwIfAborted();
      const anchor = await readAnchor(options.anchorOf, request.symbol, anchorCutoffAt(nowMs));
      signal.throwIfAborted();
      const anchorSession = checkAnchor(request.symbol, anchor);
      const start = { symbol: request.symbol, sector: anchor.sector, sharesOutstanding: anchor.sharesOutstanding, close: anchor.lastDaily.close };
      const chained = chain.chain(start, sessionsRevealedAfter(anchorSession, nowMs));
      const latest = chained.at(-1);
      if (!latest) return { symbol: request.symbol, interval: request.interval, quote: anchorQuote(anchor, anchorSession, nowMs), bars: [] };
      const bars: ProviderBar[] = [];
      for (const session of withinRange(chained, request.range)) appendRevealedBars(session, request.interval, bars);
      const previousClose = chained.at(-2)?.bars.daily.close[0] ?? anchor.lastDaily.close;
      return { symbol: request.symbol, interval: request.interval, quote: sessionQuote(latest, previousClose), bars };
    },
  };
}

/**
 * The quote as of the last revealed minute: its close is the price, the session so far gives open,
 * high, low and volume (the same numbers as the partial daily bar), previousClose is the session before.
 */
function sessionQuote(latest: ChainedSession, previousClose: number): ProviderQuote {
  const day = revealedDailyBar(latest);
  return {
    price: day.close,
    previousClose,
    open: day.open,
    high: day.high,
    low: day.low,
    volume: day.volume,
    time: (latest.session.open + latest.revealedMinutes * 60) * 1000,
    currency: CURRENCY,
  };
}

/**
 * Nothing has traded since the anchor (a weekend, before 09:31): the anchor's close is the price. The
 * rest of that session's quote is not in the anchor, so it is null (unknown), not made up.
 */
function anchorQuote(anchor: SyntheticAnchor, anchorSession: TradingSession, nowMs: number): ProviderQuote {
  return {
    price: anchor.lastDaily.close,
    previousClose: null,
    open: null,
    high: null,
    low: null,
    volume: null,
    // Never later than now: an anchor whose session has not closed is quoted as of now.
    time: Math.min(anchorSession.close * 1000, nowMs),
    currency: CURRENCY,
  };
}

async function readAnchor(anchorOf: SyntheticProviderOptions['anchorOf'], symbol: string, before: number): Promise<SyntheticAnchor> {
  let anchor: SyntheticAnchor | null;
  try {
    anchor = await anchorOf(symbol, before);
  } catch (error) {
    // The database is this provider's upstream: a failed read (a busy lock, a closed handle) is worth a retry.
    throw new ProviderError({ kind: 'network', detail: `reading the stored history of ${symbol} failed: ${error instanceof Error ? error.message : String(error)}` });
  }
  if (!anchor) throw new ProviderError({ kind: 'no-data', detail: `${symbol} has no stored daily bar for the synthetic market to continue from (is it listed?)` });
  return anchor;
}

/** The anchor's session, after checking that the anchor can start a simulation. */
function checkAnchor(symbol: string, anchor: SyntheticAnchor): TradingSession {
  const malformed = (detail: string) => new ProviderError({ kind: 'malformed', detail: `the stored anchor of ${symbol}: ${detail}` });
  const { time, close } = anchor.lastDaily;
  if (!(Number.isFinite(close) && close > 0)) throw malformed(`expected a daily close > 0, got ${close}`);
  if (!(Number.isFinite(anchor.sharesOutstanding) && anchor.sharesOutstanding > 0)) {
    throw malformed(`expected sharesOutstanding > 0, got ${anchor.sharesOutstanding}`);
  }
  let session: TradingSession | null = null;
  try {
    session = sessionOnDateOf(time);
  } catch {
    // A date outside the calendar's years (1970–2199): reported below like any other non-trading day.
  }
  if (!session) throw malformed(`expected a daily bar starting on an NYSE trading day, got time ${time} (${Number.isFinite(time) ? new Date(time * 1000).toISOString() : 'not a time'})`);
  return session;
}
