/**
 * Prices as an exchange quotes them: to the cent, or to 1/100 of a cent below $1 (sub-penny quotes).
 * Rounding is monotonic, so high ≥ max(open, close), low ≤ min(open, close) and "a daily bar is the
 * aggregate of its minutes" all survive it.
 */
import type { BarSeries, SyntheticQuote } from './history-types.js';

export function roundPrice(price: number): number {
  const scale = price < 1 ? 10_000 : 100;
  return Math.round(price * scale) / scale;
}

export function roundSeriesPrices(series: BarSeries): void {
  for (const column of [series.open, series.high, series.low, series.close]) {
    for (let i = 0; i < series.length; i++) column[i] = roundPrice(column[i]!);
  }
}

/** The quote recomputed from rounded prices, so change = price − previousClose holds exactly as shown. */
export function roundQuote(quote: SyntheticQuote, sharesOutstanding: number): SyntheticQuote {
  const price = roundPrice(quote.price);
  const previousClose = roundPrice(quote.previousClose);
  const change = Math.round((price - previousClose) * 10_000) / 10_000;
  return {
    ...quote,
    price,
    previousClose,
    open: roundPrice(quote.open),
    high: roundPrice(quote.high),
    low: roundPrice(quote.low),
    change,
    changePercent: previousClose > 0 ? (change / previousClose) * 100 : 0,
    marketCap: Math.round(sharesOutstanding * price),
  };
}
