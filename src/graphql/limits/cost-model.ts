/**
 * What an operation costs, field by field, before it runs (graphql-query-complexity estimators).
 *
 * The model follows what the server really does:
 * - every field costs 1, so a flood of aliases of any field adds up;
 * - root fields cost ROOT_FIELD_COST more: each is at least one lookup, and a thousand aliases of
 *   `stock` must not fit where a page of stocks does;
 * - a list whose length a `first` argument sets costs its children `first` times (stocks pages, sector
 *   pages, movers, search hits); `sectors` at most 11 times (the GICS sectors);
 * - a chart costs one unit per POINTS_PER_UNIT points its range and interval can produce, whatever is
 *   selected of it: the server reads every bar of the range either way.
 */
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { RANGE_SPECS, maxChartPoints, type ChartInterval, type ChartRange } from '../../modules/charts/chart-ranges.js';
import { MAX_CHART_RANGES } from '../../modules/charts/charts.service.js';

export const ROOT_FIELD_COST = 10;
export const POINTS_PER_UNIT = 10;
const GICS_SECTORS = 11;

/** Default page sizes, as the schema declares them, for a `first` left out. */
const DEFAULT_FIRST: Record<string, number> = { stocks: 50, search: 10, movers: 10 };

function chartUnits(ranges: readonly ChartRange[], interval?: ChartInterval | null): number {
  let points = 0;
  for (const range of ranges) {
    const spec = RANGE_SPECS[range];
    // An interval that does not suit the range is refused by the resolver with BAD_USER_INPUT, which
    // says what to change; pricing it as if it would run would hide that behind QUERY_TOO_COMPLEX.
    const priced = interval && spec.allowedIntervals.includes(interval) ? interval : spec.defaultInterval;
    points += maxChartPoints(range, priced);
  }
  return Math.ceil(points / POINTS_PER_UNIT);
}

export const stockqlCostEstimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const base = type.name === 'Query' ? 1 + ROOT_FIELD_COST : 1;
  switch (field.name) {
    case 'stocks':
    case 'movers':
    case 'search': {
      const first = typeof args.first === 'number' ? args.first : (DEFAULT_FIRST[field.name] ?? 50);
      return base + Math.max(1, first) * childComplexity;
    }
    case 'sectors':
      return base + GICS_SECTORS * childComplexity;
    case 'chart':
      if (type.name !== 'Stock') return undefined;
      return base + chartUnits([args.range as ChartRange], args.interval as ChartInterval | undefined) + childComplexity;
    case 'charts': {
      if (type.name !== 'Stock') return undefined;
      const ranges = ((args.ranges as ChartRange[] | undefined) ?? []).slice(0, MAX_CHART_RANGES);
      return base + chartUnits(ranges) + Math.max(1, ranges.length) * childComplexity;
    }
    default:
      return base + childComplexity;
  }
};
