/**
 * A deterministic, plausible market history for one listing: daily bars for years, hourly bars for
 * months, 5-minute and 1-minute bars for the last sessions, and the quote after the last close.
 *
 * Determinism and continuation: every random draw is keyed by (seed, symbol or sector, session
 * day), never by position in a sequence. So the output depends only on the seed, the listing and
 * the last session, and adding or removing other stocks changes nothing. A session's gap, return,
 * expected volume and minute path are the same in every history that contains it; only sessions
 * inside an intraday window take their high, low and volume from the minute path (older ones use
 * a cheaper range model). Price levels are anchored at the end — the last close is the listing's
 * price — so the history one session longer, ending at the close {@link simulateSession} produced
 * for that session (with the same shares outstanding), is this history plus that session.
 */
import { INTERVAL_SECONDS, type BarSeries, type HistoryPlan, type SyntheticHistory, type SyntheticListing, type SyntheticQuote } from './history-types.js';
import { appendAggregatedMinutes, barsPerSession, createBarSeries, highOf, lowOf } from './bar-series.js';
import { walkDailyBars, type DailyWalk } from './daily-walk.js';
import { planHistoryWindows } from './history-windows.js';
import { createMinutePath, simulateSessionMinutes, type MinutePath } from './intraday-path.js';
import { stockProfile, type StockProfile } from './stock-profile.js';
import { sessionDayNumber, type TradingSession } from '../calendar/index.js';

/** The value when it is a usable positive number; otherwise null (CSV rows bring blanks and zeros). */
function positiveOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function sessionMinutes(session: TradingSession): number {
  return (session.close - session.open) / 60;
}

/** Bars a run of sessions yields at a bucket size, for sizing columns before filling them. */
function countBars(sessions: readonly TradingSession[], from: number, bucketMinutes: number): number {
  let count = 0;
  for (let i = from; i < sessions.length; i++) count += barsPerSession(sessionMinutes(sessions[i]!), bucketMinutes);
  return count;
}

/** Simulates a session's minutes and makes its daily bar their aggregate (open and close already agree). */
function simulateWalkSession(profile: StockProfile, walk: DailyWalk, i: number, minutes: MinutePath): void {
  const session = walk.sessions[i]!;
  simulateSessionMinutes(
    {
      stockKey: profile.stockKey,
      day: sessionDayNumber(session),
      minuteCount: sessionMinutes(session),
      open: walk.open[i]!,
      close: walk.close[i]!,
      intradayVolatility: walk.intradayVolatility[i]!,
      expectedVolume: walk.expectedVolume[i]!,
    },
    minutes,
  );
  walk.high[i] = highOf(minutes.sessionLogHigh, minutes.open, minutes.close);
  walk.low[i] = lowOf(minutes.sessionLogLow, minutes.open, minutes.close);
  walk.volume[i] = minutes.sessionVolume;
}

function dailySeries(walk: DailyWalk, count: number): BarSeries {
  const series = createBarSeries(INTERVAL_SECONDS.ONE_DAY, count);
  const first = walk.length - count;
  for (let i = 0; i < count; i++) series.time[i] = walk.sessions[first + i]!.open;
  series.open.set(walk.open.subarray(first));
  series.high.set(walk.high.subarray(first));
  series.low.set(walk.low.subarray(first));
  series.close.set(walk.close.subarray(first));
  series.volume.set(walk.volume.subarray(first));
  return series;
}

function quoteOf(walk: DailyWalk, sharesOutstanding: number): SyntheticQuote {
  const last = walk.length - 1;
  const price = walk.close[last]!;
  const previousClose = walk.close[last - 1]!;
  const change = price - previousClose;
  return {
    price,
    change,
    changePercent: (change / previousClose) * 100,
    open: walk.open[last]!,
    high: walk.high[last]!,
    low: walk.low[last]!,
    previousClose,
    volume: walk.volume[last]!,
    marketCap: sharesOutstanding * price,
    updatedAt: walk.sessions[last]!.close * 1000,
  };
}

export function generateHistory(listing: SyntheticListing, plan: HistoryPlan): SyntheticHistory {
  const profile = stockProfile(listing, plan.seed);
  const windows = planHistoryWindows(plan);
  const lastClose = positiveOrNull(listing.price) ?? profile.defaultPrice;
  const marketCap = positiveOrNull(listing.marketCap) ?? profile.defaultMarketCap;
  const sharesOutstanding = Math.max(1, Math.round(marketCap / lastClose));
  const walk = walkDailyBars(profile, windows.walkSessions, lastClose, sharesOutstanding);
  const sessions = walk.sessions;

  const hourlyFrom = walk.length - windows.hourlySessions;
  const fiveMinuteFrom = walk.length - windows.fiveMinuteSessions;
  const oneMinuteFrom = walk.length - windows.oneMinuteSessions;
  const hourly = createBarSeries(INTERVAL_SECONDS.ONE_HOUR, countBars(sessions, hourlyFrom, 60));
  const fiveMinute = createBarSeries(INTERVAL_SECONDS.FIVE_MINUTES, countBars(sessions, fiveMinuteFrom, 5));
  const oneMinute = createBarSeries(INTERVAL_SECONDS.ONE_MINUTE, countBars(sessions, oneMinuteFrom, 1));
  let hourlyIndex = 0;
  let fiveMinuteIndex = 0;
  let oneMinuteIndex = 0;

  const minutes = createMinutePath();
  for (let i = walk.length - windows.intradaySessions; i < walk.length; i++) {
    simulateWalkSession(profile, walk, i, minutes);
    const open = sessions[i]!.open;
    if (i >= hourlyFrom) hourlyIndex = appendAggregatedMinutes(hourly, hourlyIndex, minutes, open, 60);
    if (i >= fiveMinuteFrom) fiveMinuteIndex = appendAggregatedMinutes(fiveMinute, fiveMinuteIndex, minutes, open, 5);
    if (i >= oneMinuteFrom) oneMinuteIndex = appendAggregatedMinutes(oneMinute, oneMinuteIndex, minutes, open, 1);
  }

  return {
    symbol: listing.symbol,
    sharesOutstanding,
    series: [oneMinute, fiveMinute, hourly, dailySeries(walk, windows.dailySessions)],
    quote: quoteOf(walk, sharesOutstanding),
  };
}

/** The series of one interval in a history (every history has one per interval, possibly empty). */
export function seriesOf(history: SyntheticHistory, intervalSeconds: BarSeries['intervalSeconds']): BarSeries {
  const series = history.series.find((candidate) => candidate.intervalSeconds === intervalSeconds);
  if (!series) throw new RangeError(`History of ${history.symbol} has no series of ${intervalSeconds} seconds`);
  return series;
}
