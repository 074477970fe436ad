/**
 * The sessions a stock has traded since its anchor, each simulated from the close of the one before.
 *
 * A session's bars do not depend on the clock, only on (seed, stock, session, previous close, shares),
 * so they are simulated once and kept: the updater asks for ~500 stocks every minute, and simulating a
 * day's 390 minutes again for each of them would cost a session's worth of CPU per request. Cached
 * sessions are shared between requests and never modified; the cache changes speed, never answers.
 */
import { LruCache } from '../../../../lib/lru-cache.js';
import type { TradingSession } from '../../calendar/index.js';
import { roundSeriesPrices } from '../../synthetic/round-prices.js';
import { simulateSession, type SimulatedSession } from '../../synthetic/index.js';
import type { RevealedSession } from './revealed-sessions.js';

/**
 * Simulated sessions kept: the updater's usual working set is one or two sessions per stock.
 * About 23 kB each (390 minutes of six columns plus the coarser bars), so 1024 cost ~24 MB.
 */
export const DEFAULT_CACHED_SESSIONS = 1024;

export interface ChainedSession extends RevealedSession {
  /** Every bar of the whole session, prices rounded to the tick as stored data is. Shared: read only. */
  bars: SimulatedSession;
}

export interface ChainStart {
  symbol: string;
  sector: string | null;
  sharesOutstanding: number;
  /** Close of the session before the first one to simulate. */
  close: number;
}

export class SessionChain {
  private readonly cache: LruCache<string, SimulatedSession>;
  private simulations = 0;

  constructor(
    private readonly seed: number,
    capacity: number = DEFAULT_CACHED_SESSIONS,
  ) {
    this.cache = new LruCache(capacity);
  }

  /** Sessions simulated so far, as opposed to served from the cache. */
  get simulatedSessions(): number {
    return this.simulations;
  }

  /**
   * Simulates `sessions` in order, each from the previous one's rounded close (the first from
   * `start.close`). Chaining on the rounded close is what makes the chain restartable: once the
   * ingester has stored a session, anchoring on its stored (rounded) daily bar continues with exactly
   * the sessions this chain would have produced next.
   */
  chain(start: ChainStart, sessions: readonly RevealedSession[]): ChainedSession[] {
    let previousClose = start.close;
    return sessions.map((revealed) => {
      const bars = this.simulated(start, revealed.session, previousClose);
      previousClose = bars.daily.close[0]!;
      return { ...revealed, bars };
    });
  }

  private simulated(start: ChainStart, session: TradingSession, previousClose: number): SimulatedSession {
    const key = `${start.symbol}\u0000${start.sector ?? ''}\u0000${start.sharesOutstanding}\u0000${session.date}\u0000${previousClose}`;
    let bars = this.cache.get(key);
    if (!bars) {
      bars = simulateSession({
        seed: this.seed,
        listing: { symbol: start.symbol, sector: start.sector },
        session,
        previousClose,
        sharesOutstanding: start.sharesOutstanding,
      });
      for (const series of [bars.daily, bars.hourly, bars.fiveMinute, bars.oneMinute]) roundSeriesPrices(series);
      this.simulations++;
      this.cache.set(key, bars);
    }
    return bars;
  }
}
