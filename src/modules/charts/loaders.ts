/**
 * Per-request chart loader, reading through the cache's chart namespace. Keys are (symbol, range,
 * interval); the charts no cache had cost one statement per distinct (range, interval), so
 * `chart(range: ONE_MONTH)` on 200 cold stocks is a single query, and on warm ones none.
 */
import type DataLoader from 'dataloader';
import { createCachedLoader, type NamespaceCache, type RequestCaching } from '../../cache/index.js';
import { dataTags } from '../../db/data-versions.js';
import { buildChart, type ChartModel, type PricePointModel } from './chart-model.js';
import { INTERVAL_SOURCES, RANGE_SPECS, type ChartInterval, type ChartRange } from './chart-ranges.js';
import type { ChartStore } from './charts.store.js';

export interface ChartKey {
  symbol: string;
  range: ChartRange;
  interval: ChartInterval;
}

export type ChartLoader = DataLoader<ChartKey, ChartModel, string>;

export function createChartLoader(store: ChartStore, chartCache: NamespaceCache, caching: RequestCaching): ChartLoader {
  return createCachedLoader<ChartKey, ChartModel>({
    namespace: chartCache,
    kind: 'chart',
    caching,
    keyOf: chartCacheKey,
    tagsOf: (key) => [dataTags.bars(key.symbol)],
    batch: async (keys) => {
      const groups = new Map<string, ChartKey[]>();
      for (const key of keys) {
        const group = `${key.range}|${key.interval}`;
        const list = groups.get(group);
        if (list) list.push(key);
        else groups.set(group, [key]);
      }
      const charts = new Map<string, ChartModel>();
      for (const group of groups.values()) {
        const { range, interval } = group[0]!;
        const symbols = [...new Set(group.map((k) => k.symbol))];
        const pointsOf = await store.findBars(symbols, RANGE_SPECS[range].window, INTERVAL_SOURCES[interval]);
        symbols.forEach((symbol, i) => {
          charts.set(chartCacheKey({ symbol, range, interval }), buildChart(symbol, range, interval, ensureTimeOrder(pointsOf[i]!)));
        });
      }
      return keys.map((key) => charts.get(chartCacheKey(key))!);
    },
  });
}

export function chartCacheKey(key: ChartKey): string {
  return `${key.symbol}|${key.range}|${key.interval}`;
}

/** Sorts only when needed: the store returns time order, so this is one linear check in practice. */
function ensureTimeOrder(points: PricePointModel[]): PricePointModel[] {
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.time < points[i - 1]!.time) return points.sort((a, b) => a.time - b.time);
  }
  return points;
}
