/**
 * The gate between a provider and the database: a chart payload is stored only if it is plausible
 * market data for exactly what was asked. Provider-agnostic on purpose — the synthetic market and Yahoo
 * face the same rules, so a bug in either shows up here rather than as a spike on a user's chart.
 *
 * A rejection's reason says which rule broke, and where (`bar 17 (2026-11-27T15:32:00Z): high 101.2 <
 * low 101.5`), so an operator can hold it against the provider's raw answer.
 */
import { z } from 'zod';
import { normalizeSymbol } from '../../stocks/symbol.js';
import type { ChartPayload, ChartRequest, ProviderBar } from './provider.js';

export type PayloadVerdict = { ok: true; payload: ChartPayload } | { ok: false; reason: string };

/** How far open/close may sit outside [low, high] before it counts: float noise from the provider's rounding. */
const RELATIVE_TOLERANCE = 1e-9;
/** Reasons listed in full before the rest are only counted. */
const MAX_LISTED_PROBLEMS = 3;

/** Yahoo writes class shares `BRK-B`, we write `BRK.B`; symbols outside our pattern (`^GSPC`) compare as written. */
const canonicalSymbol = (symbol: string): string => normalizeSymbol(symbol) ?? symbol.trim().toUpperCase();

/** A price: finite and above zero (zod's number already refuses NaN and ±Infinity). */
const price = (label: string) =>
  z
    .number({ error: (issue) => `${label} ${String(issue.input)} is not a finite number` })
    .positive({ error: (issue) => `${label} ${String(issue.input)} is not positive` });

const optionalPrice = (label: string) => price(label).nullable();

const volume = (label: string) =>
  z
    .number({ error: (issue) => `${label} ${String(issue.input)} is not a finite number` })
    .nonnegative({ error: (issue) => `${label} ${String(issue.input)} is negative` });

const within = (value: number, low: number, high: number): boolean => {
  const slack = RELATIVE_TOLERANCE * Math.max(Math.abs(low), Math.abs(high));
  return value >= low - slack && value <= high + slack;
};

const barSchema = z
  .object({
    // Only integers: Yahoo's daily bars start at the session open, not at midnight, so no grid check.
    time: z.number({ error: (issue) => `time ${String(issue.input)} is not a finite number` }).int({
      error: (issue) => `time ${String(issue.input)} is not a whole unix second`,
    }),
    open: price('open'),
    high: price('high'),
    low: price('low'),
    close: price('close'),
    volume: volume('volume'),
  })
  // Runs only when every field above passed, so the comparisons below are between real prices.
  .superRefine((bar, ctx) => {
    if (bar.high < bar.low) ctx.addIssue({ code: 'custom', message: `high ${bar.high} < low ${bar.low}` });
    for (const side of ['open', 'close'] as const) {
      if (bar.high >= bar.low && !within(bar[side], bar.low, bar.high)) {
        ctx.addIssue({ code: 'custom', message: `${side} ${bar[side]} outside [low ${bar.low}, high ${bar.high}]` });
      }
    }
  });

const barsSchema = z.array(barSchema).superRefine((bars, ctx) => {
  for (let i = 1; i < bars.length; i++) {
    const [previous, current] = [bars[i - 1]!.time, bars[i]!.time];
    if (current <= previous) {
      const what = current === previous ? `same time as bar ${i - 1}` : `earlier than bar ${i - 1} (${isoTime(previous)})`;
      ctx.addIssue({ code: 'custom', path: [i], message: `${what}: timestamps must strictly increase` });
    }
  }
});

function payloadSchema(request: ChartRequest) {
  const asked = canonicalSymbol(request.symbol);
  return z.object({
    symbol: z.string().refine((symbol) => canonicalSymbol(symbol) === asked, {
      error: (issue) => `asked for ${request.symbol}, got ${String(issue.input)}`,
    }),
    interval: z.literal(request.interval, {
      error: (issue) => `asked for ${request.interval} bars, got ${String(issue.input)}`,
    }),
    quote: z.object({
      price: price('price'),
      previousClose: optionalPrice('previousClose'),
      open: optionalPrice('open'),
      high: optionalPrice('high'),
      low: optionalPrice('low'),
      volume: volume('volume').nullable(),
      time: z.number({ error: (issue) => `time ${String(issue.input)} is not a finite number` }),
    }),
    bars: barsSchema,
  });
}

/** Seconds → `2026-11-27T15:32:00Z`, or the raw value when it is not a time at all. */
function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? String(seconds) : date.toISOString().replace('.000Z', 'Z');
}

/** `bars.17.high` → `bar 17 (2026-11-27T15:32:00Z)`; `quote.price` stays `quote`; `symbol` stays `symbol`. */
function where(path: readonly PropertyKey[], bars: readonly ProviderBar[]): string {
  const [head, index] = path;
  if (head === 'bars' && typeof index === 'number') {
    const time = bars[index]?.time;
    return `bar ${index}${time === undefined ? '' : ` (${isoTime(time)})`}`;
  }
  return String(head ?? 'payload');
}

/** Accepts a payload (returned as it came, never copied or changed) or says why not. */
export function validateChartPayload(request: ChartRequest, payload: ChartPayload): PayloadVerdict {
  const parsed = payloadSchema(request).safeParse(payload);
  if (parsed.success) return { ok: true, payload };
  const issues = parsed.error.issues;
  const bars = Array.isArray(payload?.bars) ? payload.bars : [];
  const listed = issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => `${where(issue.path, bars)}: ${issue.message}`);
  const more = issues.length - listed.length;
  return { ok: false, reason: listed.join('; ') + (more > 0 ? `; and ${more} more` : '') };
}
