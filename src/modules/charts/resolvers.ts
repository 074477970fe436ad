import type { Resolvers } from '../../generated/resolvers-types.js';

export const chartResolvers: Resolvers = {
  Stock: {
    chart: (stock, { range, interval }, { services, loaders }) => services.charts.chart(loaders.chart, stock.symbol, range, interval),
    charts: (stock, { ranges }, { services, loaders }) => services.charts.charts(loaders.chart, stock.symbol, ranges),
  },
  PricePoint: {
    time: (point) => point.time * 1000,
  },
};
