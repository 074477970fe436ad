/** Allocating bar columns and rolling minute bars up into longer ones. */
import type { BarSeries, IntervalSeconds } from './history-types.js';
import type { MinuteBars } from './intraday-path.js';

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

/** How many bars of `bucketMinutes` a session of `sessionMinutes` yields (the last may be shorter). */
export function barsPerSession(sessionMinutes: number, bucketMinutes: number): number {
  return Math.ceil(sessionMinutes / bucketMinutes);
}

/**
 * Writes one session's minutes into `series` as bars of `bucketMinutes` starting at `writeIndex`,
 * each starting on the session's clock (09:30, 10:30 … for hours); returns the next write index.
 * Open is the first minute's open, close the last one's, high/low the extremes, volume the sum.
 */
export function appendAggregatedMinutes(series: BarSeries, writeIndex: number, minutes: MinuteBars, sessionOpen: number, bucketMinutes: number): number {
  let index = writeIndex;
  for (let first = 0; first < minutes.count; first += bucketMinutes) {
    const end = Math.min(first + bucketMinutes, minutes.count);
    let high = minutes.high[first]!;
    let low = minutes.low[first]!;
    let volume = minutes.volume[first]!;
    for (let minute = first + 1; minute < end; minute++) {
      if (minutes.high[minute]! > high) high = minutes.high[minute]!;
      if (minutes.low[minute]! < low) low = minutes.low[minute]!;
      volume += minutes.volume[minute]!;
    }
    series.time[index] = sessionOpen + first * 60;
    series.open[index] = minutes.open[first]!;
    series.high[index] = high;
    series.low[index] = low;
    series.close[index] = minutes.close[end - 1]!;
    series.volume[index] = volume;
    index++;
  }
  return index;
}
