/**
 * What each chart range means, which intervals make sense for it, and how each interval is stored.
 *
 * Stored intervals are 1 minute, 5 minutes, 1 hour and 1 day; 15-minute, weekly and monthly bars are
 * aggregated from 5-minute and daily bars (chart-buckets.ts). An interval is allowed for a range only when the history
 * kept at that interval covers the range (1-minute bars exist for the latest session only, 5-minute bars
 * for five sessions, hourly bars for three months) and the point count stays sensible.
 */
import type { ChartInterval, ChartRange } from '../../generated/resolvers-types.js';

export type { ChartInterval, ChartRange };

/** Where a range starts, counted back from the stock's latest daily bar. */
export type RangeWindow =
  | { kind: 'sessions'; sessionsBack: number }
  | { kind: 'calendar'; modifier: string }
  | { kind: 'all' };

export interface RangeSpec {
  window: RangeWindow;
  defaultInterval: ChartInterval;
  allowedIntervals: readonly ChartInterval[];
  /**
   * The chart's Cache-Control max-age: how stale a client or CDN may show it. A one-day chart gains a
   * bar every minute; a five-year chart barely moves within an hour. (The server's own caches are never
   * stale: every commit changes their keys.)
   */
  maxAgeSeconds: number;
  /** Trading sessions the range spans at most (for the query cost of a chart). */
  sessions: number;
}

export const RANGE_SPECS: Record<ChartRange, RangeSpec> = {
  ONE_DAY: { sessions: 1, maxAgeSeconds: 60, window: { kind: 'sessions', sessionsBack: 0 }, defaultInterval: 'ONE_MINUTE', allowedIntervals: ['ONE_MINUTE', 'FIVE_MINUTES', 'FIFTEEN_MINUTES', 'ONE_HOUR'] },
  FIVE_DAYS: { sessions: 5, maxAgeSeconds: 120, window: { kind: 'sessions', sessionsBack: 4 }, defaultInterval: 'FIVE_MINUTES', allowedIntervals: ['FIVE_MINUTES', 'FIFTEEN_MINUTES', 'ONE_HOUR', 'ONE_DAY'] },
  ONE_MONTH: { sessions: 23, maxAgeSeconds: 300, window: { kind: 'calendar', modifier: '-1 month' }, defaultInterval: 'ONE_HOUR', allowedIntervals: ['ONE_HOUR', 'ONE_DAY', 'ONE_WEEK'] },
  SIX_MONTHS: { sessions: 128, maxAgeSeconds: 900, window: { kind: 'calendar', modifier: '-6 months' }, defaultInterval: 'ONE_DAY', allowedIntervals: ['ONE_DAY', 'ONE_WEEK', 'ONE_MONTH'] },
  YEAR_TO_DATE: { sessions: 253, maxAgeSeconds: 900, window: { kind: 'calendar', modifier: 'start of year' }, defaultInterval: 'ONE_DAY', allowedIntervals: ['ONE_DAY', 'ONE_WEEK', 'ONE_MONTH'] },
  ONE_YEAR: { sessions: 253, maxAgeSeconds: 900, window: { kind: 'calendar', modifier: '-1 year' }, defaultInterval: 'ONE_DAY', allowedIntervals: ['ONE_DAY', 'ONE_WEEK', 'ONE_MONTH'] },
  FIVE_YEARS: { sessions: 1260, maxAgeSeconds: 3600, window: { kind: 'calendar', modifier: '-5 years' }, defaultInterval: 'ONE_WEEK', allowedIntervals: ['ONE_DAY', 'ONE_WEEK', 'ONE_MONTH'] },
  MAX: { sessions: 1260, maxAgeSeconds: 3600, window: { kind: 'all' }, defaultInterval: 'ONE_MONTH', allowedIntervals: ['ONE_DAY', 'ONE_WEEK', 'ONE_MONTH'] },
};

/** How bars of an interval are obtained: read as stored, or aggregated from a finer stored interval. */
export type IntervalSource =
  | { kind: 'stored'; seconds: number }
  | { kind: 'aggregated'; fromSeconds: number; bucket: 'fifteenMinutes' | 'week' | 'month' };

/** Bars of each interval in one regular session (6.5 hours), for the query cost of a chart. */
export const BARS_PER_SESSION: Record<ChartInterval, number> = {
  ONE_MINUTE: 390,
  FIVE_MINUTES: 78,
  FIFTEEN_MINUTES: 26,
  ONE_HOUR: 7,
  ONE_DAY: 1,
  ONE_WEEK: 1 / 5,
  ONE_MONTH: 1 / 21,
};

/** The most points a chart of this range and interval can have. */
export function maxChartPoints(range: ChartRange, interval: ChartInterval): number {
  return Math.ceil(RANGE_SPECS[range].sessions * BARS_PER_SESSION[interval]);
}

export const INTERVAL_SOURCES: Record<ChartInterval, IntervalSource> = {
  ONE_MINUTE: { kind: 'stored', seconds: 60 },
  FIVE_MINUTES: { kind: 'stored', seconds: 300 },
  FIFTEEN_MINUTES: { kind: 'aggregated', fromSeconds: 300, bucket: 'fifteenMinutes' },
  ONE_HOUR: { kind: 'stored', seconds: 3600 },
  ONE_DAY: { kind: 'stored', seconds: 86400 },
  ONE_WEEK: { kind: 'aggregated', fromSeconds: 86400, bucket: 'week' },
  ONE_MONTH: { kind: 'aggregated', fromSeconds: 86400, bucket: 'month' },
};
