/**
 * Chart bars: one statement returns the bars of many symbols for one (range, interval).
 *
 * Each symbol's range is anchored on its own latest daily bar, so a stock whose provider lagged still gets
 * a full chart. The window start is computed in SQL (a session offset on daily bars, or a calendar
 * modifier), then every symbol's bars are one range scan of the (symbol, interval, time) primary key.
 */
import type Database from 'better-sqlite3';
import type { PricePointModel } from './chart-model.js';
import type { IntervalSource, RangeWindow } from './chart-ranges.js';

export interface ChartBarRow extends PricePointModel {
  symbol: string;
}

export interface ChartStore {
  /** Bars of every symbol in `symbols` inside `window`; each symbol's bars in time order. */
  findBars(symbols: readonly string[], window: RangeWindow, source: IntervalSource): Promise<ChartBarRow[]>;
}

const DAY = 86400;

// `bounds`: each wanted symbol with the first bar time of its range. Subqueries in CASE branches run only
// for the branch taken.
const bounds = `
  wanted(symbol) AS (SELECT value FROM json_each(@symbols)),
  bounds AS (
    SELECT w.symbol AS symbol,
      CASE @windowKind
        WHEN 'sessions' THEN coalesce((SELECT d.time FROM bars d WHERE d.symbol = w.symbol AND d.interval_seconds = ${DAY}
                                        ORDER BY d.time DESC LIMIT 1 OFFSET @sessionsBack), 0)
        WHEN 'calendar' THEN coalesce(unixepoch((SELECT max(d.time) FROM bars d WHERE d.symbol = w.symbol AND d.interval_seconds = ${DAY}),
                                        'unixepoch', @modifier), 0)
        ELSE 0
      END AS from_time
    FROM wanted w
  )`;

const storedSql = `/* chartBars */
  WITH ${bounds}
  SELECT b.symbol, b.time, b.open, b.high, b.low, b.close, b.volume
  FROM bounds x JOIN bars b ON b.symbol = x.symbol AND b.interval_seconds = @interval AND b.time >= x.from_time`;
// No ORDER BY: the nested loop already yields each symbol's bars in primary-key (time) order, and a sort
// of every row would double the statement's time. The loader verifies the order (ensureTimeOrder).

const BUCKETS = {
  fifteenMinutes: 'b.time - b.time % 900',
  // The Monday on or before the bar's date (daily bars start at the open, the same date in UTC and New York).
  week: `date(b.time, 'unixepoch', '-6 days', 'weekday 1')`,
  month: `strftime('%Y-%m', b.time, 'unixepoch')`,
} as const;

// Aggregated bars: high/low/volume by GROUP BY; open and close are the first and last bar of each bucket,
// fetched by primary key.
const aggregatedSql = (bucket: keyof typeof BUCKETS) => `/* chartBarsAggregated:${bucket} */
  WITH ${bounds},
  buckets AS (
    SELECT b.symbol AS symbol, ${BUCKETS[bucket]} AS bucket, min(b.time) AS first_time, max(b.time) AS last_time,
           max(b.high) AS high, min(b.low) AS low, sum(b.volume) AS volume
    FROM bounds x JOIN bars b ON b.symbol = x.symbol AND b.interval_seconds = @interval AND b.time >= x.from_time
    GROUP BY b.symbol, bucket
  )
  SELECT k.symbol, k.first_time AS time, o.open, k.high, k.low, c.close, k.volume
  FROM buckets k
  JOIN bars o ON o.symbol = k.symbol AND o.interval_seconds = @interval AND o.time = k.first_time
  JOIN bars c ON c.symbol = k.symbol AND c.interval_seconds = @interval AND c.time = k.last_time
  ORDER BY k.symbol, k.first_time`;

export const CHART_SQL = { stored: storedSql, aggregated: aggregatedSql };

export function createChartStore(sqlite: Database.Database): ChartStore {
  const stored = sqlite.prepare(storedSql);
  const aggregated = {
    fifteenMinutes: sqlite.prepare(aggregatedSql('fifteenMinutes')),
    week: sqlite.prepare(aggregatedSql('week')),
    month: sqlite.prepare(aggregatedSql('month')),
  };
  return {
    async findBars(symbols, window, source) {
      if (symbols.length === 0) return [];
      const params = {
        symbols: JSON.stringify(symbols),
        windowKind: window.kind,
        sessionsBack: window.kind === 'sessions' ? window.sessionsBack : 0,
        modifier: window.kind === 'calendar' ? window.modifier : null,
        interval: source.kind === 'stored' ? source.seconds : source.fromSeconds,
      };
      const statement = source.kind === 'stored' ? stored : aggregated[source.bucket];
      return statement.all(params) as ChartBarRow[];
    },
  };
}
