/**
 * The daily bars of a geometric random walk, anchored at its end: the walk is drawn session by
 * session (see session-shocks.ts) and then laid backwards from the requested last close, so the
 * history ends exactly at the listing's price while every session keeps its own log returns.
 */
import { sessionDayNumber, type TradingSession } from '../calendar/index.js';
import { marketTapeFor } from './market-factors.js';
import { roundShares } from './round-shares.js';
import { createSessionShocks, SessionShockDrawer, type SessionShocks, type SharedDayFactors } from './session-shocks.js';
import type { StockProfile } from './stock-profile.js';

/**
 * High and low reach this many intraday volatilities (× a mean-1 excursion draw) beyond the
 * open/close on days without a minute path, which gives day ranges close to a Brownian day's.
 */
const RANGE_EXCURSION_SCALE = 0.4;

export interface DailyWalk {
  length: number;
  sessions: readonly TradingSession[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Whole shares. */
  volume: Float64Array;
  /** Per session: standard deviation of log price from open to close, for the minute path. */
  intradayVolatility: Float64Array;
  /** Per session: shares expected to trade, before rounding and minute noise. */
  expectedVolume: Float64Array;
}

/**
 * A plausible high for a day without a minute path: beyond the open/close by `reach` × the
 * excursion draw, as a fraction of price (reach is ~0.5%, so 1 + x stands in for eˣ).
 */
function highBeyond(open: number, close: number, reach: number, excursion: number): number {
  return Math.max(open, close) * (1 + reach * excursion);
}

/** The mirror of {@link highBeyond}; dividing keeps the low positive however wild the draw. */
function lowBeyond(open: number, close: number, reach: number, excursion: number): number {
  return Math.min(open, close) / (1 + reach * excursion);
}

/** The OHLCV of one session from its shocks, given the previous close (also used to continue a walk). */
export function sessionBarFromShocks(
  previousClose: number,
  shocks: SessionShocks,
  sharesOutstanding: number,
): { open: number; high: number; low: number; close: number; volume: number } {
  const open = previousClose * Math.exp(shocks.gapLogReturn);
  const close = open * Math.exp(shocks.intradayLogReturn);
  const reach = RANGE_EXCURSION_SCALE * shocks.intradayVolatility;
  return {
    open,
    close,
    high: highBeyond(open, close, reach, shocks.highExcursion),
    low: lowBeyond(open, close, reach, shocks.lowExcursion),
    volume: roundShares(sharesOutstanding * shocks.turnover),
  };
}

export function walkDailyBars(profile: StockProfile, sessions: readonly TradingSession[], lastClose: number, sharesOutstanding: number): DailyWalk {
  const length = sessions.length;
  const walk: DailyWalk = {
    length,
    sessions,
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
    intradayVolatility: new Float64Array(length),
    expectedVolume: new Float64Array(length),
  };
  const gapLogReturn = new Float64Array(length);
  const intradayLogReturn = new Float64Array(length);
  const highExcursion = new Float64Array(length);
  const lowExcursion = new Float64Array(length);
  const drawer = new SessionShockDrawer(profile);
  const shocks = createSessionShocks();
  const tape = marketTapeFor(profile.marketKey, sessions);
  const sectorShock = tape.sectorShock(profile.sectorKey);
  const shared: SharedDayFactors = { regime: 0, marketShock: 0, sectorShock: 0 };
  for (let i = 0; i < length; i++) {
    const session = sessions[i]!;
    shared.regime = tape.regime[i]!;
    shared.marketShock = tape.marketShock[i]!;
    shared.sectorShock = sectorShock[i]!;
    drawer.draw(sessionDayNumber(session), (session.close - session.open) / 60, shared, shocks);
    gapLogReturn[i] = shocks.gapLogReturn;
    intradayLogReturn[i] = shocks.intradayLogReturn;
    highExcursion[i] = shocks.highExcursion;
    lowExcursion[i] = shocks.lowExcursion;
    walk.intradayVolatility[i] = shocks.intradayVolatility;
    walk.expectedVolume[i] = sharesOutstanding * shocks.turnover;
  }

  // Lay the walk backwards from the anchor; the anchor itself is stored as given, not as exp(log(x)).
  let logClose = Math.log(lastClose);
  for (let i = length - 1; i >= 0; i--) {
    const logOpen = logClose - intradayLogReturn[i]!;
    const close = i === length - 1 ? lastClose : Math.exp(logClose);
    const open = Math.exp(logOpen);
    const reach = RANGE_EXCURSION_SCALE * walk.intradayVolatility[i]!;
    walk.open[i] = open;
    walk.close[i] = close;
    walk.high[i] = highBeyond(open, close, reach, highExcursion[i]!);
    walk.low[i] = lowBeyond(open, close, reach, lowExcursion[i]!);
    walk.volume[i] = roundShares(walk.expectedVolume[i]!);
    logClose = logOpen - gapLogReturn[i]!;
  }
  return walk;
}
