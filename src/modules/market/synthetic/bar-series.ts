/** Allocating bar columns and rolling a session's minute path up into bars. */
import type { BarSeries, IntervalSeconds } from './history-types.js';
import type { MinutePath } from './intraday-path.js';

export function createBarSeries(intervalSeconds: IntervalSeconds, length: number): BarSeries {
  return {
    intervalSeconds,
    length,
    time: new Float64Array(length),
    open: new Float64Array(length),
    high: new Float64Array(length),
    low: new Float64Array(length),
    close: new Float64Array(length),
    volume: new Float64Array(length),
  };
}

/** One bar of a series as a plain object (the row the columns store at index `i`). */
export function barAt(series: BarSeries, i: number): { time: number; open: number; high: number; low: number; close: number; volume: number } {
  return {
    time: series.time[i]!,
    open: series.open[i]!,
    high: series.high[i]!,
    low: series.low[i]!,
    close: series.close[i]!,
    volume: series.volume[i]!,
  };
}

/** How many bars of `bucketMinutes` a session of `sessionMinutes` yields (the last may be shorter). */
export function barsPerSession(sessionMinutes: number, bucketMinutes: number): number {
  return Math.ceil(sessionMinutes / bucketMinutes);
}

/** Price at the start of a minute: the pinned open for the first, the previous minute's close otherwise. */
function priceAtMinuteStart(path: MinutePath, minute: number): number {
  return minute === 0 ? path.open : Math.exp(path.logClose[minute - 1]!);
}

/** Price at the end of a minute: the pinned close for the last. */
function priceAtMinuteEnd(path: MinutePath, minute: number): number {
  return minute === path.count - 1 ? path.close : Math.exp(path.logClose[minute]!);
}

/**
 * A bar's high and low from its log extremes. Clamping to open/close guards the one case where
 * exp(log(x)) rounds a pinned end one ulp past its neighbour, so high ≥ max(open, close) always.
 */
export function highOf(logHigh: number, open: number, close: number): number {
  return Math.max(Math.exp(logHigh), open, close);
}

export function lowOf(logLow: number, open: number, close: number): number {
  return Math.min(Math.exp(logLow), open, close);
}

/**
 * Writes one session's minutes into `series` as bars of `bucketMinutes` starting at `writeIndex`,
 * each starting on the session's clock (09:30, 10:30 … for hours); returns the next write index.
 * Open is the first minute's open, close the last one's, high/low the extremes, volume the sum.
 */
export function appendAggregatedMinutes(series: BarSeries, writeIndex: number, path: MinutePath, sessionOpen: number, bucketMinutes: number): number {
  const { logHigh, logLow, volume } = path;
  let index = writeIndex;
  for (let first = 0; first < path.count; first += bucketMinutes) {
    const end = Math.min(first + bucketMinutes, path.count);
    let bucketLogHigh = logHigh[first]!;
    let bucketLogLow = logLow[first]!;
    let bucketVolume = volume[first]!;
    for (let minute = first + 1; minute < end; minute++) {
      if (logHigh[minute]! > bucketLogHigh) bucketLogHigh = logHigh[minute]!;
      if (logLow[minute]! < bucketLogLow) bucketLogLow = logLow[minute]!;
      bucketVolume += volume[minute]!;
    }
    const open = priceAtMinuteStart(path, first);
    const close = priceAtMinuteEnd(path, end - 1);
    series.time[index] = sessionOpen + first * 60;
    series.open[index] = open;
    series.high[index] = highOf(bucketLogHigh, open, close);
    series.low[index] = lowOf(bucketLogLow, open, close);
    series.close[index] = close;
    series.volume[index] = bucketVolume;
    index++;
  }
  return index;
}
