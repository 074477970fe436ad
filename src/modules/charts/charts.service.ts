/**
 * Chart rules: the default interval of each range and which intervals a range allows.
 */
import { badUserInput } from '../../graphql/errors.js';
import type { ChartModel } from './chart-model.js';
import { RANGE_SPECS, type ChartInterval, type ChartRange } from './chart-ranges.js';
import type { BarColumns } from './charts.store.js';
import type { ChartLoader } from './loaders.js';

export const MAX_CHART_RANGES = 8;

export function resolveInterval(range: ChartRange, interval: ChartInterval | null | undefined): ChartInterval {
  const spec = RANGE_SPECS[range];
  if (interval == null) return spec.defaultInterval;
  if (!spec.allowedIntervals.includes(interval)) {
    throw badUserInput(
      'interval',
      `interval ${interval} does not suit range ${range}: use one of ${spec.allowedIntervals.join(', ')} (or omit it for ${spec.defaultInterval}).`,
    );
  }
  return interval;
}

export function createChartsService() {
  return {
    chart(loader: ChartLoader, symbol: string, range: ChartRange, interval: ChartInterval | null | undefined, columns: BarColumns): Promise<ChartModel> {
      return loader.load({ symbol, range, interval: resolveInterval(range, interval), columns });
    },

    charts(loader: ChartLoader, symbol: string, ranges: readonly ChartRange[], columns: BarColumns): Promise<ChartModel[]> {
      if (ranges.length > MAX_CHART_RANGES) {
        throw badUserInput('ranges', `"ranges" lists ${ranges.length} ranges; at most ${MAX_CHART_RANGES} are allowed.`);
      }
      return Promise.all(ranges.map((range) => loader.load({ symbol, range, interval: RANGE_SPECS[range].defaultInterval, columns })));
    },
  };
}

export type ChartsService = ReturnType<typeof createChartsService>;
