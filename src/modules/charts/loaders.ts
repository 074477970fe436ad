/**
 * Per-request chart loader, reading through the cache's chart namespace. Keys are (symbol, range,
 * interval, columns); the charts no cache had cost one statement per distinct (stored interval, columns),
 * so `chart(range: ONE_MONTH)` on 200 cold stocks is a single query, `charts` of all eight ranges four
 * (the minute, five-minute, hourly and daily bars), and on warm ones none.
 */
import type DataLoader from 'dataloader';
import { createCachedLoader, type NamespaceCache, type RequestCaching } from '../../cache/index.js';
import { dataTags } from '../../db/data-versions.js';
import { aggregateBars } from './chart-buckets.js';
import { buildChart, type ChartModel } from './chart-model.js';
import { INTERVAL_SOURCES, RANGE_SPECS, type ChartInterval, type ChartRange } from './chart-ranges.js';
import type { BarColumns, ChartStore } from './charts.store.js';

export interface ChartKey {
  symbol: string;
  range: ChartRange;
  interval: ChartInterval;
  /** 'close': the caller reads only each point's time and close and the chart's close (chart-columns.ts). */
  columns: BarColumns;
}

export type ChartLoader = DataLoader<ChartKey, ChartModel, string>;

/** The stored interval a chart's bars are read at. */
const storedSecondsOf = (interval: ChartInterval) => {
  const source = INTERVAL_SOURCES[interval];
  return source.kind === 'stored' ? source.seconds : source.fromSeconds;
};

export function createChartLoader(store: ChartStore, chartCache: NamespaceCache, caching: RequestCaching): ChartLoader {
  return createCachedLoader<ChartKey, ChartModel>({
    namespace: chartCache,
    kind: 'chart',
    caching,
    keyOf: chartCacheKey,
    tagsOf: (key) => [dataTags.bars(key.symbol)],
    batch: async (keys) => {
      // One read per stored interval and column set: the ranges drawn from a stock's daily bars share it.
      const groups = new Map<string, ChartKey[]>();
      for (const key of keys) {
        const group = `${storedSecondsOf(key.interval)}|${key.columns}`;
        const list = groups.get(group);
        if (list) list.push(key);
        else groups.set(group, [key]);
      }
      const charts = new Map<string, ChartModel>();
      for (const group of groups.values()) {
        const { interval, columns } = group[0]!;
        const pointsOf = await store.findBars(
          storedSecondsOf(interval),
          columns,
          group.map((key) => ({ symbol: key.symbol, window: RANGE_SPECS[key.range].window })),
        );
        group.forEach((key, i) => {
          const source = INTERVAL_SOURCES[key.interval];
          const points = source.kind === 'stored' ? pointsOf[i]! : aggregateBars(pointsOf[i]!, source.bucket);
          charts.set(chartCacheKey(key), buildChart(key.symbol, key.range, key.interval, points));
        });
      }
      return keys.map((key) => charts.get(chartCacheKey(key))!);
    },
  });
}

export function chartCacheKey(key: ChartKey): string {
  return `${key.symbol}|${key.range}|${key.interval}|${key.columns}`;
}
