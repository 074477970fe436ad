import { describe, expect, it } from 'vitest';
import { INGEST_RANGES, ProviderError, type BarInterval, type ChartPayload } from '../../../src/modules/market/ingest/provider.js';
import { createSyntheticProvider, type SyntheticAnchor } from '../../../src/modules/market/ingest/synthetic/synthetic-provider.js';
import { validateChartPayload } from '../../../src/modules/market/ingest/validate-payload.js';
import { anchorOn, fetch, newYork, SEED } from './helpers.js';

const NOON = newYork('2026-11-24', '12:00');
const newYorkDate = (seconds: number) => new Date(seconds * 1000).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });

function providerWith(anchorOf: (symbol: string) => Promise<SyntheticAnchor | null>, nowMs = NOON, seed = SEED) {
  return createSyntheticProvider({ seed, anchorOf, now: () => nowMs });
}

async function failureOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error: unknown = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ProviderError)) throw new Error(`Expected a ProviderError, got ${String(error)}`);
  return error;
}

describe('what the synthetic provider answers', () => {
  it('gives the same payload for the same seed, anchor and time, and other prices for another seed', async () => {
    const anchorOf = async () => anchorOn('2026-11-20', 180);
    const [first, again] = [await fetch(providerWith(anchorOf), 'NVDA', '5d', '5m'), await fetch(providerWith(anchorOf), 'NVDA', '5d', '5m')];
    expect(again).toEqual(first);
    const otherSeed = await fetch(providerWith(anchorOf, NOON, SEED + 1), 'NVDA', '5d', '5m');
    expect(otherSeed.bars.map((bar) => bar.close)).not.toEqual(first.bars.map((bar) => bar.close));
    // Class shares are one stock however they are written.
    const [dotted, dashed] = [await fetch(providerWith(anchorOf), 'BRK.B', '1d', '1m'), await fetch(providerWith(anchorOf), 'BRK-B', '1d', '1m')];
    expect(dashed.bars).toEqual(dotted.bars);
    expect(dashed.symbol).toBe('BRK-B');
  });

  it('answers only for the sessions after the anchor, cut to the range asked for', async () => {
    const provider = providerWith(async () => anchorOn('2026-08-03', 180));
    const datesOf = async (range: (typeof INGEST_RANGES)[number]) => (await fetch(provider, 'NVDA', range, '1d')).bars.map((bar) => newYorkDate(bar.time));
    expect(await datesOf('1d')).toEqual(['2026-11-24']);
    expect(await datesOf('5d')).toEqual(['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-23', '2026-11-24']);
    expect((await datesOf('1mo'))[0]).toBe('2026-10-26'); // after Saturday 2026-10-24
    expect((await datesOf('3mo'))[0]).toBe('2026-08-25'); // after 2026-08-24
    for (const range of ['6mo', '1y', 'max'] as const) expect((await datesOf(range))[0]).toBe('2026-08-04');
  });

  it('quotes prices on the tick, as stored data is', async () => {
    const payload = await fetch(providerWith(async () => anchorOn('2026-11-20', 180)), 'NVDA', '5d', '1m');
    const prices = [payload.quote.price, ...payload.bars.flatMap((bar) => [bar.open, bar.high, bar.low, bar.close])];
    for (const price of prices) expect(Math.round(price * 100) / 100).toBe(price);
    const penny = await fetch(providerWith(async () => anchorOn('2026-11-20', 0.5)), 'PNNY', '1d', '1m');
    for (const bar of penny.bars) expect(Math.round(bar.close * 10_000) / 10_000).toBe(bar.close);
  });

  it('says a symbol the database does not list has no data, and not to retry it', async () => {
    const failure = await failureOf(fetch(providerWith(async () => null), 'NOPE', '1d', '1m'));
    expect(failure.failure.kind).toBe('no-data');
    expect(failure.retryable).toBe(false);
    expect(failure.message).toMatch(/NOPE has no stored daily bar/);
  });

  it('reports a failed database read as worth a retry, and an unusable anchor as malformed', async () => {
    const unreadable = await failureOf(fetch(providerWith(async () => Promise.reject(new Error('database is locked'))), 'NVDA', '1d', '1m'));
    expect(unreadable.retryable).toBe(true);
    expect(unreadable.message).toMatch(/NVDA failed: database is locked/);

    const saturday = { ...anchorOn('2026-11-20', 180), lastDaily: { time: Date.parse('2026-11-21T14:30:00Z') / 1000, close: 180 } };
    const cases: Array<[SyntheticAnchor, RegExp]> = [
      [saturday, /expected a daily bar starting on an NYSE trading day, got time \d+ \(2026-11-21T14:30:00.000Z\)/],
      [{ ...anchorOn('2026-11-20', 0), sharesOutstanding: 1e9 }, /expected a daily close > 0, got 0/],
      [{ ...anchorOn('2026-11-20', 180), sharesOutstanding: Number.NaN }, /expected sharesOutstanding > 0, got NaN/],
    ];
    for (const [anchor, message] of cases) {
      const failure = await failureOf(fetch(providerWith(async () => anchor), 'NVDA', '1d', '1m'));
      expect([failure.failure.kind, failure.retryable]).toEqual(['malformed', false]);
      expect(failure.message).toMatch(message);
    }
  });

  it("stops when the caller aborts, with the caller's reason", async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    controller.abort(reason);
    await expect(providerWith(async () => anchorOn('2026-11-20', 180)).fetchChart({ symbol: 'NVDA', range: '1d', interval: '1m' }, controller.signal)).rejects.toBe(reason);
  });

  it('produces only payloads that the ingester’s validation accepts', async () => {
    const instants = [newYork('2026-11-24', '09:31'), NOON, newYork('2026-11-24', '16:00'), newYork('2026-11-26', '12:00'), newYork('2026-11-27', '12:59:59'), newYork('2026-11-28', '10:00')];
    const intervals: BarInterval[] = ['1m', '5m', '1h', '1d'];
    let checked = 0;
    for (const nowMs of instants) {
      for (const anchorDate of ['2026-10-30', '2026-11-23', '2026-11-25']) {
        const provider = providerWith(async () => anchorOn(anchorDate, 42.42), nowMs);
        for (const range of INGEST_RANGES) {
          for (const interval of intervals) {
            const request = { symbol: 'NVDA', range, interval };
            const payload: ChartPayload = await provider.fetchChart(request, new AbortController().signal);
            const verdict = validateChartPayload(request, payload);
            expect(verdict.ok ? 'accepted' : verdict.reason).toBe('accepted');
            checked++;
          }
        }
      }
    }
    expect(checked).toBe(6 * 3 * INGEST_RANGES.length * intervals.length);
  });
});
