/**
 * The shape of Yahoo's `/v8/finance/chart/:symbol` answer, as far as we read it. Yahoo publishes no
 * schema and changes fields without notice, so this names only what we use, lets everything else
 * through unread, and turns a shape we did not expect into one readable line (where, what was wrong)
 * instead of an `undefined` that surfaces three modules later.
 */
import { z } from 'zod';

/** A number Yahoo may leave out or send as null; both mean "not stated". */
const optionalNumber = z.number().nullish();

const metaSchema = z.object({
  symbol: z.string(),
  currency: z.string().nullish(),
  regularMarketPrice: z.number(),
  /** Unix seconds. */
  regularMarketTime: z.number(),
  /** Yesterday's close; present on some ranges only. */
  previousClose: optionalNumber,
  /** The close before the chart's first bar: yesterday's close only when the range is one day. */
  chartPreviousClose: optionalNumber,
  regularMarketOpen: optionalNumber,
  regularMarketDayHigh: optionalNumber,
  regularMarketDayLow: optionalNumber,
  regularMarketVolume: optionalNumber,
  /** The bar size Yahoo actually served, which may differ from the one asked for. */
  dataGranularity: z.string().nullish(),
});

/** Null entries are real: minutes in which nothing traded. */
const series = z.array(z.number().nullable()).optional();

/** With no bars Yahoo sends `quote: [{}]`, so every series may be absent. */
const quoteSeriesSchema = z.object({ open: series, high: series, low: series, close: series, volume: series });

const resultSchema = z.object({
  meta: metaSchema,
  /** Unix seconds of each bar's start; absent when there are no bars. */
  timestamp: z.array(z.number()).nullish(),
  indicators: z.object({ quote: z.array(quoteSeriesSchema) }),
});

const errorSchema = z.object({ code: z.string().nullish(), description: z.string().nullish() });

export const yahooChartSchema = z.object({
  chart: z.object({
    result: z.array(resultSchema).nullish(),
    error: errorSchema.nullish(),
  }),
});

export type YahooChart = z.infer<typeof yahooChartSchema>;
export type YahooChartResult = z.infer<typeof resultSchema>;
export type YahooQuoteSeries = z.infer<typeof quoteSeriesSchema>;

/** `["chart", "result", 0, "meta"]` → `chart.result[0].meta`, the way one would write it in code. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const key of path) {
    text += typeof key === 'number' ? `[${key}]` : `${text ? '.' : ''}${String(key)}`;
  }
  return text || '(root)';
}

/** The first problem of a failed parse as `path: expected …, received …`, and how many others there were. */
export function describeShapeError(error: z.ZodError): string {
  const [first, ...rest] = error.issues;
  if (!first) return 'unexpected shape';
  // Zod prefixes type errors with "Invalid input: ", which says nothing the path does not.
  const message = first.message.replace(/^Invalid input: /, '');
  return `${formatIssuePath(first.path)}: ${message}${rest.length ? ` (and ${rest.length} more)` : ''}`;
}
