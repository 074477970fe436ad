import { cacheControlFromInfo } from '@apollo/cache-control-types';
import type { Resolvers } from '../../generated/resolvers-types.js';
import { chartColumnsOf } from './chart-columns.js';
import { RANGE_SPECS, type ChartRange } from './chart-ranges.js';

/** A chart may be cached as long as its range allows (several ranges: the shortest of them). */
function chartMaxAge(ranges: readonly ChartRange[]): number {
  return Math.min(...ranges.map((range) => RANGE_SPECS[range].maxAgeSeconds));
}

export const chartResolvers: Resolvers = {
  Stock: {
    chart: (stock, { range, interval }, { services, loaders }, info) => {
      cacheControlFromInfo(info).setCacheHint({ maxAge: chartMaxAge([range]) });
      return services.charts.chart(loaders.chart, stock.symbol, range, interval, chartColumnsOf(info));
    },
    charts: (stock, { ranges }, { services, loaders }, info) => {
      if (ranges.length > 0) cacheControlFromInfo(info).setCacheHint({ maxAge: chartMaxAge(ranges) });
      return services.charts.charts(loaders.chart, stock.symbol, ranges, chartColumnsOf(info));
    },
  },
};
