/**
 * A validated provider answer as the market store writes it: the quote merged over the stored one (a
 * figure the provider leaves out keeps its stored value) and the bars as one column series.
 */
import type { QuoteValues, StockWrite } from '../market.store.js';
import type { IngestTarget } from './ingest.store.js';
import { INTERVAL_SECONDS, type ChartPayload } from './provider.js';

export function toStockWrite(target: IngestTarget, payload: ChartPayload): StockWrite {
  return { facts: target.facts, quote: mergeQuote(target, payload), bars: payload.bars.length === 0 ? [] : [barColumns(payload)] };
}

/** Null when the answer's quote is older than the stored one: a slow or replayed answer never rolls prices back. */
function mergeQuote(target: IngestTarget, { quote }: ChartPayload): QuoteValues | null {
  const { stored, sharesOutstanding } = target;
  if (quote.time < stored.updatedAt) return null;
  const previousClose = quote.previousClose ?? stored.previousClose;
  const change = previousClose === null ? 0 : quote.price - previousClose;
  return {
    sharesOutstanding,
    price: quote.price,
    change,
    changePercent: previousClose ? (change / previousClose) * 100 : 0,
    open: quote.open ?? stored.open,
    high: quote.high ?? stored.high,
    low: quote.low ?? stored.low,
    previousClose,
    volume: quote.volume ?? stored.volume,
    marketCap: quote.price * sharesOutstanding,
    updatedAt: quote.time,
  };
}

function barColumns({ interval, bars }: ChartPayload) {
  return {
    intervalSeconds: INTERVAL_SECONDS[interval],
    length: bars.length,
    time: bars.map((b) => b.time),
    open: bars.map((b) => b.open),
    high: bars.map((b) => b.high),
    low: bars.map((b) => b.low),
    close: bars.map((b) => b.close),
    volume: bars.map((b) => b.volume),
  };
}
