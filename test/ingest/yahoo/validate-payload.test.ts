/**
 * validateChartPayload: the rules a provider's chart must pass before it is stored, each rejection
 * saying which rule broke and on which bar.
 */
import { describe, expect, it } from 'vitest';
import type { ChartPayload, ChartRequest, ProviderBar } from '../../../src/modules/market/ingest/provider.js';
import { validateChartPayload } from '../../../src/modules/market/ingest/validate-payload.js';

const REQUEST: ChartRequest = { symbol: 'AAPL', range: '1d', interval: '1m' };
/** 2026-11-27 14:30 UTC, the session open. */
const OPEN = 1_795_789_800;

function bar(minute: number, prices: Partial<ProviderBar> = {}): ProviderBar {
  return { time: OPEN + 60 * minute, open: 100, high: 101, low: 99, close: 100.5, volume: 1200, ...prices };
}

function payload(changes: { symbol?: string; interval?: string; quote?: object; bars?: ProviderBar[] } = {}): ChartPayload {
  return {
    symbol: changes.symbol ?? 'AAPL',
    interval: (changes.interval ?? '1m') as ChartPayload['interval'],
    quote: { price: 100.5, previousClose: 99, open: 100, high: 101, low: 99, volume: 3600, time: (OPEN + 180) * 1000, currency: 'USD', ...changes.quote },
    bars: changes.bars ?? [bar(0), bar(1), bar(2)],
  };
}

function reasonFor(p: ChartPayload, request: ChartRequest = REQUEST): string {
  const verdict = validateChartPayload(request, p);
  if (verdict.ok) throw new Error('expected a rejection, the payload was accepted');
  return verdict.reason;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

describe('validateChartPayload accepts', () => {
  it('a good payload, handing back the same object untouched', () => {
    const good = deepFreeze(payload());
    const copy = structuredClone(good);
    const verdict = validateChartPayload(REQUEST, good);
    expect(verdict).toEqual({ ok: true, payload: good });
    expect(verdict.ok && verdict.payload).toBe(good);
    expect(good).toEqual(copy);
  });

  it("Yahoo's BRK-B for our BRK.B, and symbols in any case", () => {
    const request: ChartRequest = { symbol: 'BRK.B', range: '1y', interval: '1d' };
    expect(validateChartPayload(request, payload({ symbol: 'BRK-B', interval: '1d' })).ok).toBe(true);
    expect(validateChartPayload(request, payload({ symbol: 'brk.b', interval: '1d' })).ok).toBe(true);
  });

  it('a quote alone, without bars, and a quote that leaves out what the provider did not state', () => {
    const quote = { previousClose: null, open: null, high: null, low: null, volume: null, currency: null };
    expect(validateChartPayload(REQUEST, payload({ bars: [], quote })).ok).toBe(true);
  });

  it('open and close a hair outside the range, from the provider rounding in binary', () => {
    expect(validateChartPayload(REQUEST, payload({ bars: [bar(0, { close: 101 * (1 + 1e-12), open: 99 * (1 - 1e-12) })] })).ok).toBe(true);
  });

  it('daily bars that start at the session open rather than midnight', () => {
    const daily = [0, 1, 4].map((day) => ({ ...bar(0), time: OPEN + day * 86_400 }));
    expect(validateChartPayload({ ...REQUEST, interval: '1d' }, payload({ interval: '1d', bars: daily })).ok).toBe(true);
  });
});

describe('validateChartPayload rejects', () => {
  it('a chart of another symbol', () => {
    expect(reasonFor(payload({ symbol: 'MSFT' }))).toBe('symbol: asked for AAPL, got MSFT');
    expect(reasonFor(payload({ symbol: 'BRK-A' }), { ...REQUEST, symbol: 'BRK.B' })).toBe('symbol: asked for BRK.B, got BRK-A');
  });

  it('bars of another interval', () => {
    expect(reasonFor(payload({ interval: '5m' }))).toBe('interval: asked for 1m bars, got 5m');
  });

  it('a quote price that is not a finite positive number', () => {
    expect(reasonFor(payload({ quote: { price: Number.NaN } }))).toBe('quote: price NaN is not a finite number');
    expect(reasonFor(payload({ quote: { price: Number.POSITIVE_INFINITY } }))).toBe('quote: price Infinity is not a finite number');
    expect(reasonFor(payload({ quote: { price: 0 } }))).toBe('quote: price 0 is not positive');
    expect(reasonFor(payload({ quote: { previousClose: -3 } }))).toBe('quote: previousClose -3 is not positive');
    expect(reasonFor(payload({ quote: { volume: -1 } }))).toBe('quote: volume -1 is negative');
  });

  it('a quote time that is not a number', () => {
    expect(reasonFor(payload({ quote: { time: Number.NaN } }))).toBe('quote: time NaN is not a finite number');
  });

  it.each(['open', 'high', 'low', 'close'] as const)('a bar whose %s is NaN or not positive, naming the bar and its time', (field) => {
    expect(reasonFor(payload({ bars: [bar(0), bar(1, { [field]: Number.NaN })] }))).toBe(
      `bar 1 (2026-11-27T14:31:00Z): ${field} NaN is not a finite number`,
    );
    expect(reasonFor(payload({ bars: [bar(0), bar(1, { [field]: -1 })] }))).toMatch(
      new RegExp(`^bar 1 \\(2026-11-27T14:31:00Z\\): ${field} -1 is not positive`),
    );
  });

  it('a bar whose high is below its low', () => {
    const broken = bar(17, { high: 101.2, low: 101.5, open: 101.3, close: 101.3 });
    expect(reasonFor(payload({ bars: [bar(0), broken] }))).toBe('bar 1 (2026-11-27T14:47:00Z): high 101.2 < low 101.5');
  });

  it('a bar that opens or closes outside its own range', () => {
    expect(reasonFor(payload({ bars: [bar(0, { open: 105 })] }))).toBe('bar 0 (2026-11-27T14:30:00Z): open 105 outside [low 99, high 101]');
    expect(reasonFor(payload({ bars: [bar(0, { close: 98.9 })] }))).toBe('bar 0 (2026-11-27T14:30:00Z): close 98.9 outside [low 99, high 101]');
  });

  it('a negative or non-finite volume', () => {
    expect(reasonFor(payload({ bars: [bar(0, { volume: -5 })] }))).toBe('bar 0 (2026-11-27T14:30:00Z): volume -5 is negative');
    expect(reasonFor(payload({ bars: [bar(0, { volume: Number.NaN })] }))).toBe('bar 0 (2026-11-27T14:30:00Z): volume NaN is not a finite number');
  });

  it('repeated or unordered timestamps', () => {
    expect(reasonFor(payload({ bars: [bar(0), bar(1), bar(1)] }))).toBe(
      'bar 2 (2026-11-27T14:31:00Z): same time as bar 1: timestamps must strictly increase',
    );
    expect(reasonFor(payload({ bars: [bar(0), bar(2), bar(1)] }))).toBe(
      'bar 2 (2026-11-27T14:31:00Z): earlier than bar 1 (2026-11-27T14:32:00Z): timestamps must strictly increase',
    );
  });

  it('a timestamp that is not a whole unix second', () => {
    expect(reasonFor(payload({ bars: [{ ...bar(0), time: OPEN + 0.5 }] }))).toBe(
      'bar 0 (2026-11-27T14:30:00.500Z): time 1795789800.5 is not a whole unix second',
    );
  });

  it('listing the first three problems and counting the rest', () => {
    const bars = [0, 1, 2, 3, 4].map((minute) => bar(minute, { volume: -minute - 1 }));
    const reason = reasonFor(payload({ bars }));
    expect(reason.split('; ').slice(0, 3)).toEqual([
      'bar 0 (2026-11-27T14:30:00Z): volume -1 is negative',
      'bar 1 (2026-11-27T14:31:00Z): volume -2 is negative',
      'bar 2 (2026-11-27T14:32:00Z): volume -3 is negative',
    ]);
    expect(reason).toMatch(/; and 2 more$/);
  });
});
