/**
 * The chart a resolver returns: bars in time order plus the range summary, computed once per chart.
 */
import type { ChartInterval, ChartRange } from './chart-ranges.js';

export interface PricePointModel {
  /**
   * Unix milliseconds of the bar's start: what the DateTime scalar formats, so `PricePoint.time` needs no
   * resolver (a field without one is read inline by the compiled executor, not once per point through
   * Apollo's field instrumentation).
   */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface ChartModel {
  symbol: string;
  range: ChartRange;
  interval: ChartInterval;
  points: PricePointModel[];
  open: number | null;
  close: number | null;
  high: number | null;
  low: number | null;
  change: number | null;
  changePercent: number | null;
}

export function buildChart(symbol: string, range: ChartRange, interval: ChartInterval, points: PricePointModel[]): ChartModel {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) {
    return { symbol, range, interval, points, open: null, close: null, high: null, low: null, change: null, changePercent: null };
  }
  let high = -Infinity;
  let low = Infinity;
  for (const p of points) {
    if (p.high > high) high = p.high;
    if (p.low < low) low = p.low;
  }
  const change = last.close - first.open;
  return { symbol, range, interval, points, open: first.open, close: last.close, high, low, change, changePercent: (change / first.open) * 100 };
}
