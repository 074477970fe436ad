/**
 * Chart bars: one statement returns, for many (symbol, range window) requests on one stored interval, each
 * window's first bar time and each symbol's bars from its earliest window on.
 *
 * Each symbol's range is anchored on its own latest daily bar, so a stock whose provider lagged still gets
 * a full chart. The window starts are computed in SQL (a session offset on daily bars, or a calendar
 * modifier), then every symbol's bars are one range scan of the (symbol, interval, time) primary key.
 * Ranges that share a stored interval share that scan: `charts` of SIX_MONTHS, YEAR_TO_DATE, ONE_YEAR,
 * FIVE_YEARS and MAX reads a stock's daily bars once, not five times (weekly and monthly bars are then
 * aggregated in JavaScript, chart-buckets.ts).
 *
 * What a cold chart costs is mostly marshalling values into JavaScript (about a quarter of a microsecond
 * each on this machine kind, several times the scan itself), so:
 * - rows are `.raw()` arrays mapped by hand (better-sqlite3's object rows set every property through the
 *   V8 API, at about twice the cost), and carry the symbol's index in the call instead of its text;
 * - the bars of one stock (most requests) come from a statement of their own whose bar rows carry no
 *   symbol index or row tag at all: a quarter of a one-year chart's values, half of a line chart's;
 * - a caller that needs only each bar's time and close (a line chart) gets only those two columns read
 *   (`columns: 'close'`): a third of the values.
 */
import type Database from 'better-sqlite3';
import type { PricePointModel } from './chart-model.js';
import { RANGE_SPECS, type RangeWindow } from './chart-ranges.js';

/** Which bar values a chart needs: all of OHLCV, or only each bar's time and close (the others are NaN). */
export type BarColumns = 'ohlcv' | 'close';

export interface BarsRequest {
  symbol: string;
  window: RangeWindow;
}

export interface ChartStore {
  /**
   * Bars at the stored interval `intervalSeconds` for each request, in the order of `requests`, each in
   * time order from the first bar of its window (times in unix milliseconds). With `columns: 'close'` only `time` and `close` are read.
   */
  findBars(intervalSeconds: number, columns: BarColumns, requests: readonly BarsRequest[]): Promise<PricePointModel[][]>;
}

const DAY = 86400;

/**
 * The most sessions a range reaches back. SQLite takes no outer column in LIMIT or OFFSET, so a window's
 * first session is the (back + 1)-th of the latest this many + 1 daily bars.
 */
const MAX_SESSIONS_BACK = Math.max(...Object.values(RANGE_SPECS).map(({ window }) => (window.kind === 'sessions' ? window.sessionsBack : 0)));

/** Each bar's values after its time, in the order toPoint reads them. */
const BAR_VALUES: Record<BarColumns, readonly string[]> = { ohlcv: ['open', 'high', 'low', 'close', 'volume'], close: ['close'] };
const barValuesSql = (columns: BarColumns) => BAR_VALUES[columns].map((name) => `b.${name}`).join(', ');
/** `count` NULLs, each after a comma: a window-start row's filler where a bar has values. */
const nullsSql = (count: number) => ', NULL'.repeat(count);

/**
 * The unix-seconds start of a window of the stock `symbol` (SQL expressions all): the (back + 1)-th latest
 * daily bar, the latest daily bar moved by a calendar modifier, or 0 (all bars). 0 also when the stock has
 * too few bars, so the window then starts at its first bar. A CASE branch's subquery runs only when taken.
 */
const windowStartSql = (symbol: string, kind: string, back: string, modifier: string) => `CASE ${kind}
    WHEN 'sessions' THEN coalesce((SELECT t FROM (SELECT t, row_number() OVER (ORDER BY t DESC) AS n FROM (
                                      SELECT d.time AS t FROM bars d WHERE d.symbol = ${symbol} AND d.interval_seconds = ${DAY}
                                      ORDER BY d.time DESC LIMIT ${MAX_SESSIONS_BACK + 1}))
                                    WHERE n = ${back} + 1), 0)
    WHEN 'calendar' THEN coalesce(unixepoch((SELECT max(d.time) FROM bars d WHERE d.symbol = ${symbol} AND d.interval_seconds = ${DAY}),
                                    'unixepoch', ${modifier}), 0)
    ELSE 0
  END`;

/**
 * Many symbols. `@symbols`: a JSON array of distinct symbols. `@windows`: a JSON array of `[symbolIndex, kind,
 * sessionsBack, modifier]`, one per request. Result rows are `[0, request, fromTime, …]` for each request's
 * window start, then `[1, symbolIndex, time, …values]` for each bar.
 */
const barsSql = (columns: BarColumns) => `/* chartBars:${columns} */
  WITH symbols(si, symbol) AS (SELECT key, value FROM json_each(@symbols)),
  wanted(k, si, kind, back, modifier) AS (
    SELECT key, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(@windows)
  ),
  bounds AS MATERIALIZED (
    SELECT w.k AS k, w.si AS si, s.symbol AS symbol, ${windowStartSql('s.symbol', 'w.kind', 'w.back', 'w.modifier')} AS from_time
    FROM wanted w JOIN symbols s ON s.si = w.si
  ),
  starts AS MATERIALIZED (SELECT si, symbol, min(from_time) AS from_time FROM bounds GROUP BY si)
  SELECT 0, k, from_time${nullsSql(BAR_VALUES[columns].length)} FROM bounds
  UNION ALL
  SELECT 1, x.si, b.time, ${barValuesSql(columns)}
  FROM starts x JOIN bars b ON b.symbol = x.symbol AND b.interval_seconds = @interval AND b.time >= x.from_time`;

/**
 * One symbol (`@symbol`; a chart or `charts` of one stock, most requests): no symbol or row tags, so each
 * bar row is only `[time, …values]`, a quarter to a half fewer values to marshal. `@windows`: a JSON array
 * of `[kind, sessionsBack, modifier]`, one per request. One row `[NULL, JSON array of each request's window
 * start]` (a bar's time is never NULL) comes with the bars, so both are read in one statement (one snapshot).
 */
const oneSymbolBarsSql = (columns: BarColumns) => `/* chartBarsOfOne:${columns} */
  WITH bounds AS MATERIALIZED (
    SELECT key AS k, ${windowStartSql('@symbol', 'value ->> 0', 'value ->> 1', 'value ->> 2')} AS from_time FROM json_each(@windows)
  )
  SELECT NULL, (SELECT json_group_array(from_time ORDER BY k) FROM bounds)${nullsSql(BAR_VALUES[columns].length - 1)}
  UNION ALL
  SELECT b.time, ${barValuesSql(columns)} FROM bars b
  WHERE b.symbol = @symbol AND b.interval_seconds = @interval AND b.time >= (SELECT min(from_time) FROM bounds)`;
// No ORDER BY: the nested loop already yields each symbol's bars in primary-key (time) order, and a sort
// of every row would double the statement's time. The store verifies the order (ensureTimeOrder).

/** The statements, for query-plan tests. */
export const CHART_SQL = {
  ohlcv: barsSql('ohlcv'),
  close: barsSql('close'),
  oneSymbol: { ohlcv: oneSymbolBarsSql('ohlcv'), close: oneSymbolBarsSql('close') },
};

/** Sorts only when needed: SQLite returns time order, so this is one linear check in practice. */
function ensureTimeOrder(points: PricePointModel[]): PricePointModel[] {
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.time < points[i - 1]!.time) return points.sort((a, b) => a.time - b.time);
  }
  return points;
}

/** The first index of `points` (in time order) whose time is at least `from` (unix milliseconds). */
function lowerBound(points: PricePointModel[], from: number): number {
  let lo = 0;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]!.time < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The bar whose time (unix seconds) is at `r[at]`, its values after it. */
function toPoint(r: unknown[], at: number, columns: BarColumns): PricePointModel {
  const time = (r[at] as number) * 1000;
  return columns === 'ohlcv'
    ? { time, open: r[at + 1] as number, high: r[at + 2] as number, low: r[at + 3] as number, close: r[at + 4] as number, volume: r[at + 5] as number }
    : { time, open: NaN, high: NaN, low: NaN, close: r[at + 1] as number, volume: NaN };
}

/** Raw rows of the many-symbol statement as one point array per symbol plus each request's window start. */
function splitRows(rows: unknown[][], symbolCount: number, requestCount: number, columns: BarColumns) {
  const bySymbol: PricePointModel[][] = Array.from({ length: symbolCount }, () => []);
  const from = new Array<number>(requestCount).fill(0);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r[0] === 0) from[r[1] as number] = r[2] as number;
    else bySymbol[r[1] as number]!.push(toPoint(r, 2, columns));
  }
  return { bySymbol, from };
}

/** Raw rows of the one-symbol statement as its points plus each request's window start. */
function splitOneSymbolRows(rows: unknown[][], columns: BarColumns) {
  const points: PricePointModel[] = [];
  let from: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r[0] === null) from = JSON.parse(r[1] as string) as number[];
    else points.push(toPoint(r, 0, columns));
  }
  return { bySymbol: [points], from };
}

const windowParams = (window: RangeWindow) => [window.kind, window.kind === 'sessions' ? window.sessionsBack : 0, window.kind === 'calendar' ? window.modifier : null];

export function createChartStore(sqlite: Database.Database): ChartStore {
  const manySymbols = { ohlcv: sqlite.prepare(CHART_SQL.ohlcv).raw(), close: sqlite.prepare(CHART_SQL.close).raw() };
  const oneSymbol = { ohlcv: sqlite.prepare(CHART_SQL.oneSymbol.ohlcv).raw(), close: sqlite.prepare(CHART_SQL.oneSymbol.close).raw() };

  /** Every request's bars as one point array per distinct symbol (in `symbolIndex` order) and each window's start. */
  function read(intervalSeconds: number, columns: BarColumns, requests: readonly BarsRequest[], symbolIndex: Map<string, number>) {
    if (symbolIndex.size === 1) {
      const params = { symbol: requests[0]!.symbol, windows: JSON.stringify(requests.map(({ window }) => windowParams(window))), interval: intervalSeconds };
      return splitOneSymbolRows(oneSymbol[columns].all(params) as unknown[][], columns);
    }
    const params = {
      symbols: JSON.stringify([...symbolIndex.keys()]),
      windows: JSON.stringify(requests.map(({ symbol, window }) => [symbolIndex.get(symbol)!, ...windowParams(window)])),
      interval: intervalSeconds,
    };
    return splitRows(manySymbols[columns].all(params) as unknown[][], symbolIndex.size, requests.length, columns);
  }

  return {
    async findBars(intervalSeconds, columns, requests) {
      if (requests.length === 0) return [];
      const symbolIndex = new Map<string, number>();
      for (const { symbol } of requests) if (!symbolIndex.has(symbol)) symbolIndex.set(symbol, symbolIndex.size);
      const { bySymbol, from } = read(intervalSeconds, columns, requests, symbolIndex);
      bySymbol.forEach(ensureTimeOrder);
      return requests.map(({ symbol }, k) => {
        const points = bySymbol[symbolIndex.get(symbol)!]!;
        // A symbol's earliest window starts at its first bar: no copy for it (the common single-range case).
        const start = lowerBound(points, (from[k] ?? 0) * 1000);
        return start === 0 ? points : points.slice(start);
      });
    },
  };
}
