/**
 * One more session of a synthetic stock, for processes that keep the embedded market running day
 * by day: given the previous close and the shares outstanding, the session's bars come from the
 * same keyed draws {@link generateHistory} uses, so a stored history continued this way equals
 * one regenerated through the new session (anchored at its close), up to float rounding.
 */
import { sessionDayNumber, sessionOn, type TradingSession } from '../calendar/index.js';
import { appendAggregatedMinutes, barsPerSession, createBarSeries } from './bar-series.js';
import { sessionBarFromShocks } from './daily-walk.js';
import { INTERVAL_SECONDS, type BarSeries, type SyntheticListing } from './history-types.js';
import { createMinutePath, simulateSessionMinutes } from './intraday-path.js';
import { createSessionShocks, SessionShockDrawer, sharedDayFactorsOn } from './session-shocks.js';
import { stockProfile } from './stock-profile.js';

export interface SessionSimulationInput {
  /** The seed the stock's history was generated with. */
  seed: number;
  listing: Pick<SyntheticListing, 'symbol' | 'sector'>;
  /** The session to simulate. */
  session: TradingSession;
  /** Close of the session before it. */
  previousClose: number;
  /** As returned in {@link SyntheticHistory.sharesOutstanding}. */
  sharesOutstanding: number;
}

/** The session's bars at every interval; the daily bar is the aggregate of the minutes. */
export interface SimulatedSession {
  daily: BarSeries;
  hourly: BarSeries;
  fiveMinute: BarSeries;
  oneMinute: BarSeries;
}

export function simulateSession(input: SessionSimulationInput): SimulatedSession {
  const session = sessionOn(input.session.date);
  if (!session) throw new RangeError(`Expected a trading session, but ${input.session.date} is not an NYSE trading day`);
  if (!(input.previousClose > 0 && Number.isFinite(input.previousClose))) throw new RangeError(`Expected previousClose > 0, got ${input.previousClose}`);
  if (!(input.sharesOutstanding > 0 && Number.isFinite(input.sharesOutstanding))) {
    throw new RangeError(`Expected sharesOutstanding > 0, got ${input.sharesOutstanding}`);
  }
  const profile = stockProfile(input.listing, input.seed);
  const day = sessionDayNumber(session);
  const minuteCount = (session.close - session.open) / 60;
  const shocks = createSessionShocks();
  new SessionShockDrawer(profile).draw(day, minuteCount, sharedDayFactorsOn(profile, day), shocks);
  const bar = sessionBarFromShocks(input.previousClose, shocks, input.sharesOutstanding);

  const minutes = createMinutePath();
  simulateSessionMinutes(
    {
      stockKey: profile.stockKey,
      day,
      minuteCount,
      open: bar.open,
      close: bar.close,
      intradayVolatility: shocks.intradayVolatility,
      expectedVolume: input.sharesOutstanding * shocks.turnover,
    },
    minutes,
  );
  const aggregate = (intervalSeconds: BarSeries['intervalSeconds'], bucketMinutes: number): BarSeries => {
    const series = createBarSeries(intervalSeconds, barsPerSession(minuteCount, bucketMinutes));
    appendAggregatedMinutes(series, 0, minutes, session.open, bucketMinutes);
    return series;
  };
  return {
    daily: aggregate(INTERVAL_SECONDS.ONE_DAY, minuteCount),
    hourly: aggregate(INTERVAL_SECONDS.ONE_HOUR, 60),
    fiveMinute: aggregate(INTERVAL_SECONDS.FIVE_MINUTES, 5),
    oneMinute: aggregate(INTERVAL_SECONDS.ONE_MINUTE, 1),
  };
}
