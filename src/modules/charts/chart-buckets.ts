/**
 * Aggregated chart bars (15-minute bars from 5-minute ones, weekly and monthly bars from daily ones): one
 * bar per bucket with the open of its first bar, the close of its last, the highest high, the lowest low
 * and the total volume, timed at its first bar. Buckets with no bars produce no bar.
 *
 * Done here rather than in SQL: the store already reads a stock's daily bars once for every daily range of
 * a request, and walking them once in time order is a few microseconds, where a GROUP BY in SQLite sorted
 * every bar (or, walked per bucket, cost a recursive CTE and two primary-key reads per bucket).
 */
import type { PricePointModel } from './chart-model.js';

export type Bucket = 'fifteenMinutes' | 'week' | 'month';

const FIFTEEN_MINUTES = 900;
const WEEK = 7 * 86400;
/** 1970-01-01 was a Thursday: shifting by three days puts week boundaries on Mondays, 00:00 UTC. */
const MONDAY_SHIFT = 3 * 86400;

/** The start of the bucket after the one holding `ms` (both unix milliseconds). */
function nextBucketStart(ms: number, bucket: Bucket): number {
  const t = ms / 1000;
  if (bucket === 'fifteenMinutes') return (Math.floor(t / FIFTEEN_MINUTES) * FIFTEEN_MINUTES + FIFTEEN_MINUTES) * 1000;
  if (bucket === 'week') return ((Math.floor((t + MONDAY_SHIFT) / WEEK) + 1) * WEEK - MONDAY_SHIFT) * 1000;
  // Months in UTC; Date.UTC carries month 12 into the next year.
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

/** `points` (in time order, unix milliseconds) aggregated per bucket. */
export function aggregateBars(points: readonly PricePointModel[], bucket: Bucket): PricePointModel[] {
  const out: PricePointModel[] = [];
  let current: PricePointModel | undefined;
  let end = -Infinity;
  for (const p of points) {
    if (current !== undefined && p.time < end) {
      if (p.high > current.high) current.high = p.high;
      if (p.low < current.low) current.low = p.low;
      current.close = p.close;
      current.volume += p.volume;
      continue;
    }
    current = { time: p.time, open: p.open, high: p.high, low: p.low, close: p.close, volume: p.volume };
    out.push(current);
    end = nextBucketStart(p.time, bucket);
  }
  return out;
}
