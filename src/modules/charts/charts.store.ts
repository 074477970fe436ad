/**
 * Chart bars: one statement returns the bars of many symbols for one (range, interval).
 *
 * Each symbol's range is anchored on its own latest daily bar, so a stock whose provider lagged still gets
 * a full chart. The window start is computed in SQL (a session offset on daily bars, or a calendar
 * modifier), then every symbol's bars are one range scan of the (symbol, interval, time) primary key.
 *
 * What a cold chart costs is mostly marshalling rows into JavaScript, then aggregating, so:
 * - rows are `.raw()` arrays mapped by hand (better-sqlite3's object rows set every property through the
 *   V8 API, at about twice the cost), and carry the symbol's index in the request instead of the symbol
 *   text (one string per bar less; the mapper puts the caller's string back);
 * - a chart of one symbol, the common case, binds the symbol directly (no json_each, no index column);
 * - weekly and monthly bars are aggregated per bucket (see chart-buckets.ts), not through a GROUP BY that
 *   sorts every daily bar by a date string.
 */
import type Database from 'better-sqlite3';
import { bucketedBarsSql, fifteenMinuteBarsSql, type WantedSymbols } from './chart-buckets.js';
import type { PricePointModel } from './chart-model.js';
import type { IntervalSource, RangeWindow } from './chart-ranges.js';

export interface ChartStore {
  /**
   * Bars of every symbol in `symbols` inside `window`: one array per symbol, in the order of `symbols`
   * (a symbol listed twice gets the same array twice), each in the order SQLite returned them (time order;
   * the loader verifies it).
   */
  findBars(symbols: readonly string[], window: RangeWindow, source: IntervalSource): Promise<PricePointModel[][]>;
}

const DAY = 86400;

/** `wanted(k, symbol)`: the symbols of the call with their index into the call's array. */
const WANTED: Record<WantedSymbols, string> = {
  one: `wanted(k, symbol) AS (SELECT 0, @symbol)`,
  many: `wanted(k, symbol) AS (SELECT key, value FROM json_each(@symbols))`,
};

// `bounds`: each wanted symbol with the first bar time of its range. Subqueries in CASE branches run only
// for the branch taken.
const bounds = (wanted: WantedSymbols) => `
  ${WANTED[wanted]},
  bounds AS (
    SELECT w.k AS k, w.symbol AS symbol,
      CASE @windowKind
        WHEN 'sessions' THEN coalesce((SELECT d.time FROM bars d WHERE d.symbol = w.symbol AND d.interval_seconds = ${DAY}
                                        ORDER BY d.time DESC LIMIT 1 OFFSET @sessionsBack), 0)
        WHEN 'calendar' THEN coalesce(unixepoch((SELECT max(d.time) FROM bars d WHERE d.symbol = w.symbol AND d.interval_seconds = ${DAY}),
                                        'unixepoch', @modifier), 0)
        ELSE 0
      END AS from_time
    FROM wanted w
  )`;

/** The index column comes first for many symbols and is absent for one. */
const keyColumn = (wanted: WantedSymbols, alias: string) => (wanted === 'many' ? `${alias}.k, ` : '');

const storedSql = (wanted: WantedSymbols) => `/* chartBars:${wanted} */
  WITH ${bounds(wanted)}
  SELECT ${keyColumn(wanted, 'x')}b.time, b.open, b.high, b.low, b.close, b.volume
  FROM bounds x JOIN bars b ON b.symbol = x.symbol AND b.interval_seconds = @interval AND b.time >= x.from_time`;
// No ORDER BY: the nested loop already yields each symbol's bars in primary-key (time) order, and a sort
// of every row would double the statement's time. The loader verifies the order (ensureTimeOrder).

type Bucket = Extract<IntervalSource, { kind: 'aggregated' }>['bucket'];

const aggregatedSql = (bucket: Bucket, wanted: WantedSymbols) => {
  const head = `/* chartBarsAggregated:${bucket}:${wanted} */ WITH RECURSIVE ${bounds(wanted)},`;
  const key = keyColumn(wanted, 'k');
  return bucket === 'fifteenMinutes' ? fifteenMinuteBarsSql(head, key) : bucketedBarsSql(head, key, bucket);
};

/** The statements for many symbols (the one-symbol ones differ only in `wanted`), for query-plan tests. */
export const CHART_SQL = {
  stored: storedSql('many'),
  aggregated: (bucket: Bucket, wanted: WantedSymbols = 'many') => aggregatedSql(bucket, wanted),
};

/**
 * Raw rows `[k?, time, open, high, low, close, volume]` as one point array per symbol: each bar becomes
 * one object, the one the chart keeps (no intermediate row carrying its symbol).
 */
function toPointArrays(rows: unknown[][], count: number, keyed: boolean): PricePointModel[][] {
  const out: PricePointModel[][] = Array.from({ length: count }, () => []);
  const o = keyed ? 1 : 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[keyed ? (r[0] as number) : 0]!.push({
      time: r[o] as number,
      open: r[o + 1] as number,
      high: r[o + 2] as number,
      low: r[o + 3] as number,
      close: r[o + 4] as number,
      volume: r[o + 5] as number,
    });
  }
  return out;
}

export function createChartStore(sqlite: Database.Database): ChartStore {
  const prepare = (sql: string) => sqlite.prepare(sql).raw();
  const statements = (wanted: WantedSymbols) => ({
    stored: prepare(storedSql(wanted)),
    fifteenMinutes: prepare(aggregatedSql('fifteenMinutes', wanted)),
    week: prepare(aggregatedSql('week', wanted)),
    month: prepare(aggregatedSql('month', wanted)),
  });
  const byWanted = { one: statements('one'), many: statements('many') };
  return {
    async findBars(requested, window, source) {
      if (requested.length === 0) return [];
      // Each symbol once: a symbol listed twice would otherwise get its bars twice (or, aggregated, its
      // buckets twice). The chart loader already passes distinct symbols; this keeps the contract anyway.
      const symbols = requested.length === 1 ? requested : [...new Set(requested)];
      const wanted: WantedSymbols = symbols.length === 1 ? 'one' : 'many';
      const params = {
        ...(wanted === 'one' ? { symbol: symbols[0] } : { symbols: JSON.stringify(symbols) }),
        windowKind: window.kind,
        sessionsBack: window.kind === 'sessions' ? window.sessionsBack : 0,
        modifier: window.kind === 'calendar' ? window.modifier : null,
        interval: source.kind === 'stored' ? source.seconds : source.fromSeconds,
      };
      const statement = byWanted[wanted][source.kind === 'stored' ? 'stored' : source.bucket];
      const arrays = toPointArrays(statement.all(params) as unknown[][], symbols.length, wanted === 'many');
      if (symbols === requested) return arrays;
      const bySymbol = new Map(symbols.map((symbol, i) => [symbol, arrays[i]!]));
      return requested.map((symbol) => bySymbol.get(symbol)!);
    },
  };
}
