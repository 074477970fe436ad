/**
 * The SQL of aggregated chart bars (15-minute bars from 5-minute ones, weekly and monthly bars from daily
 * ones): one row per bucket with the open of its first bar, the close of its last, the highest high, the
 * lowest low and the total volume, timed at its first bar.
 *
 * Weekly and monthly buckets are walked rather than grouped. A GROUP BY on a bucket expression makes
 * SQLite sort every daily bar (a temporary B-tree), and the old monthly key, strftime() per bar, cost as
 * much again. Instead a recursive CTE lists each symbol's buckets (a week is integer arithmetic, a month
 * one date() per bucket, not per bar), and each bucket's bars are one primary-key range scan, visited in
 * bucket order, so the GROUP BY needs no sort. Measured on five years of daily bars: monthly 2.1× and
 * weekly 1.5× faster than the grouped statement. Fifteen-minute buckets hold three bars each, too few for
 * a walk to pay, so they keep the GROUP BY (on an integer key already).
 *
 * Buckets with no bars produce no row; open and close are read by primary key at the bucket's first and
 * last bar time.
 */

/** One symbol (bound as @symbol) or many (a JSON array bound as @symbols). */
export type WantedSymbols = 'one' | 'many';

const WEEK = 7 * 86400;
/** 1970-01-01 was a Thursday: shifting by three days puts week boundaries on Mondays, 00:00 UTC. */
const MONDAY_SHIFT = 3 * 86400;
/**
 * Added before the integer division so that it floors for times before 1970 too (SQLite's `/` truncates
 * toward zero): a whole number of weeks, far larger than any bar's distance from 1970.
 */
const FLOOR_OFFSET = WEEK * 1_000_000;

/** The start of the bucket after the one holding `t` (unix seconds), as SQL. */
const NEXT_BUCKET = {
  // Same weeks as the old `date(t, 'unixepoch', '-6 days', 'weekday 1')` (the Monday on or before t's date).
  week: (t: string) => `((${t} + ${MONDAY_SHIFT + FLOOR_OFFSET}) / ${WEEK} + 1) * ${WEEK} - ${MONDAY_SHIFT + FLOOR_OFFSET}`,
  // Same months as the old `strftime('%Y-%m', t, 'unixepoch')`.
  month: (t: string) => `unixepoch(${t}, 'unixepoch', 'start of month', '+1 month')`,
} as const;

/**
 * `head` opens the statement (`WITH RECURSIVE` and the `bounds(k, symbol, from_time)` CTE); `key` is the
 * leading output column (`k.k, ` for many symbols, empty for one).
 */
export function bucketedBarsSql(head: string, key: string, bucket: keyof typeof NEXT_BUCKET): string {
  const next = NEXT_BUCKET[bucket];
  return `${head}
  -- Each symbol's first bar in its range and its last bar: the buckets to walk lie between them.
  span AS MATERIALIZED (
    SELECT x.k AS k, x.symbol AS symbol,
      (SELECT min(b.time) FROM bars b WHERE b.symbol = x.symbol AND b.interval_seconds = @interval AND b.time >= x.from_time) AS lo,
      (SELECT max(b.time) FROM bars b WHERE b.symbol = x.symbol AND b.interval_seconds = @interval) AS hi
    FROM bounds x
  ),
  -- [start, next) per bucket; the first starts at the first bar, so bars before the range stay out.
  steps(k, symbol, start, next, hi) AS (
    SELECT k, symbol, lo, ${next('lo')}, hi FROM span WHERE lo IS NOT NULL
    UNION ALL
    SELECT k, symbol, next, ${next('next')}, hi FROM steps WHERE next <= hi
  ),
  -- Materialized in (symbol, time) order, so the GROUP BY below follows it instead of sorting bars.
  ordered AS MATERIALIZED (SELECT k, symbol, start, next FROM steps ORDER BY k, start),
  buckets AS (
    SELECT w.k AS k, w.symbol AS symbol, min(b.time) AS first_time, max(b.time) AS last_time,
           max(b.high) AS high, min(b.low) AS low, sum(b.volume) AS volume
    FROM ordered w
    JOIN bars b ON b.symbol = w.symbol AND b.interval_seconds = @interval AND b.time >= w.start AND b.time < w.next
    GROUP BY w.k, w.start
  )
  SELECT ${key}k.first_time AS time, o.open, k.high, k.low, c.close, k.volume
  FROM buckets k
  JOIN bars o ON o.symbol = k.symbol AND o.interval_seconds = @interval AND o.time = k.first_time
  JOIN bars c ON c.symbol = k.symbol AND c.interval_seconds = @interval AND c.time = k.last_time`;
}

/** Fifteen-minute bars: a GROUP BY on the integer bucket, as before (three 5-minute bars per bucket). */
export function fifteenMinuteBarsSql(head: string, key: string): string {
  return `${head}
  buckets AS (
    SELECT x.k AS k, x.symbol AS symbol, b.time - b.time % 900 AS bucket, min(b.time) AS first_time,
           max(b.time) AS last_time, max(b.high) AS high, min(b.low) AS low, sum(b.volume) AS volume
    FROM bounds x JOIN bars b ON b.symbol = x.symbol AND b.interval_seconds = @interval AND b.time >= x.from_time
    GROUP BY x.k, bucket
  )
  SELECT ${key}k.first_time AS time, o.open, k.high, k.low, c.close, k.volume
  FROM buckets k
  JOIN bars o ON o.symbol = k.symbol AND o.interval_seconds = @interval AND o.time = k.first_time
  JOIN bars c ON c.symbol = k.symbol AND c.interval_seconds = @interval AND c.time = k.last_time
  ORDER BY k.k, k.first_time`;
}
