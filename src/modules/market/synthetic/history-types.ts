/** The public shapes of a synthetic market history. */
import type { TradingSession } from '../calendar/index.js';

/** Bar lengths the generator produces, in seconds. */
export const INTERVAL_SECONDS = { ONE_MINUTE: 60, FIVE_MINUTES: 300, ONE_HOUR: 3600, ONE_DAY: 86400 } as const;
export type IntervalSeconds = (typeof INTERVAL_SECONDS)[keyof typeof INTERVAL_SECONDS];

/** What the generator needs to know about a listing. */
export interface SyntheticListing {
  /** Ticker; `BRK-B` and `brk.b` get the same history as `BRK.B`. */
  symbol: string;
  /** Sector name (GICS or Yahoo style); drives volatility. Null or unrecognised: a generic 30% a year. */
  sector: string | null;
  /** Last close to end the history on. Absent, null, zero, negative or not finite: a deterministic level. */
  price?: number | null;
  /** Market capitalisation at `price`, giving the shares outstanding. Absent or not a positive finite number: deterministic. */
  marketCap?: number | null;
}

/** Which history to generate. Windows are whole numbers ≥ 0 counted back from `lastSession` in New York calendar terms; 0 gives an empty series. */
export interface HistoryPlan {
  /** Same seed + same listing + same lastSession => identical output. An integer; any finite number works. */
  seed: number;
  /** The last (closed) session of the history; the quote describes it. */
  lastSession: TradingSession;
  /**
   * Daily bars for the sessions after the same calendar date this many years before `lastSession`.
   * @default 5
   */
  dailyYears?: number;
  /**
   * Hourly bars (09:30, 10:30 … 15:30; the last one 30 minutes) for the sessions after the same
   * calendar date this many months before `lastSession`.
   * @default 3
   */
  hourlyMonths?: number;
  /**
   * 5-minute bars for this many sessions ending with `lastSession`.
   * @default 5
   */
  fiveMinuteSessions?: number;
  /**
   * 1-minute bars for this many sessions ending with `lastSession`.
   * @default 1
   */
  oneMinuteSessions?: number;
}

/** Bars of one interval as parallel columns (no per-bar objects: ~500 stocks × thousands of bars). */
export interface BarSeries {
  intervalSeconds: IntervalSeconds;
  length: number;
  /** Bar start, unix seconds; daily bars start at the session's open, as Yahoo's do. */
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  /** Shares traded, whole numbers. */
  volume: Float64Array;
}

/** The snapshot a quote endpoint would return right after `lastSession` closed. */
export interface SyntheticQuote {
  price: number;
  change: number;
  changePercent: number;
  open: number;
  high: number;
  low: number;
  previousClose: number;
  volume: number;
  marketCap: number;
  /** Unix milliseconds: the close of the last session. */
  updatedAt: number;
}

export interface SyntheticHistory {
  symbol: string;
  sharesOutstanding: number;
  /** One series per interval, shortest interval first, each in ascending time; a window of 0 gives an empty series. */
  series: BarSeries[];
  quote: SyntheticQuote;
}
