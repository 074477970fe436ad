/**
 * Turns one parsed Yahoo chart result into the provider-neutral `ChartPayload`. It translates and
 * drops only what Yahoo itself means as "nothing here" (minutes without trades); it does not judge
 * prices — that is `validateChartPayload`'s job, so every provider is held to the same rules.
 */
import { INTERVAL_SECONDS, ProviderError, type BarInterval, type ChartPayload, type ChartRequest, type ProviderBar } from '../provider.js';
import type { YahooChartResult, YahooQuoteSeries } from './yahoo-chart-schema.js';

/** Yahoo spells an hour both ways, depending on what was asked. */
const INTERVAL_ALIASES: Record<string, BarInterval> = { '60m': '1h' };

const SERIES = ['open', 'high', 'low', 'close', 'volume'] as const;

function malformed(detail: string): ProviderError {
  return new ProviderError({ kind: 'malformed', detail });
}

/** The interval Yahoo says it served; Yahoo coarsens long ranges (e.g. to `3mo`) without asking. */
function servedInterval(granularity: string | null | undefined, asked: BarInterval): BarInterval {
  if (granularity == null) return asked;
  const interval = INTERVAL_ALIASES[granularity] ?? granularity;
  if (Object.hasOwn(INTERVAL_SECONDS, interval)) return interval as BarInterval;
  const stored = Object.keys(INTERVAL_SECONDS).join(', ');
  throw malformed(`Yahoo served ${granularity} bars for ${asked} (we store ${stored})`);
}

/** A series Yahoo left out is only acceptable when there are no bars at all. */
function seriesOf(quote: YahooQuoteSeries, name: (typeof SERIES)[number], length: number): (number | null)[] {
  const values = quote[name];
  if (values === undefined) {
    if (length === 0) return [];
    throw malformed(`indicators.quote[0].${name} is missing but timestamp has ${length} entries`);
  }
  if (values.length !== length) {
    throw malformed(`indicators.quote[0].${name} has ${values.length} entries but timestamp has ${length}`);
  }
  return values;
}

function toBars(timestamps: readonly number[], quote: YahooQuoteSeries): ProviderBar[] {
  const n = timestamps.length;
  const [open, high, low, close, volume] = SERIES.map((name) => seriesOf(quote, name, n)) as [
    (number | null)[],
    (number | null)[],
    (number | null)[],
    (number | null)[],
    (number | null)[],
  ];
  const bars: ProviderBar[] = [];
  for (let i = 0; i < n; i++) {
    const [o, h, l, c] = [open[i], high[i], low[i], close[i]];
    // All four prices null: a minute in which nothing traded; Yahoo still lists its timestamp.
    if (o == null && h == null && l == null && c == null) continue;
    // Some nulls but not all is a broken bar, not an empty one: it becomes NaN here so that
    // validateChartPayload rejects the whole payload rather than storing a guessed price.
    bars.push({
      time: timestamps[i]!,
      open: o ?? Number.NaN,
      high: h ?? Number.NaN,
      low: l ?? Number.NaN,
      close: c ?? Number.NaN,
      volume: volume[i] ?? Number.NaN,
    });
  }
  return bars;
}

export function toChartPayload(request: ChartRequest, result: YahooChartResult): ChartPayload {
  const { meta } = result;
  // chartPreviousClose is the close before the chart's first bar: yesterday's close only for a one-day chart.
  const previousClose = meta.previousClose ?? (request.range === '1d' ? meta.chartPreviousClose : null) ?? null;
  return {
    symbol: meta.symbol,
    interval: servedInterval(meta.dataGranularity, request.interval),
    quote: {
      price: meta.regularMarketPrice,
      previousClose,
      open: meta.regularMarketOpen ?? null,
      high: meta.regularMarketDayHigh ?? null,
      low: meta.regularMarketDayLow ?? null,
      volume: meta.regularMarketVolume ?? null,
      time: meta.regularMarketTime * 1000,
      currency: meta.currency ?? null,
    },
    bars: toBars(result.timestamp ?? [], result.indicators.quote[0] ?? {}),
  };
}
