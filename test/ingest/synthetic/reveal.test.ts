import { describe, expect, it } from 'vitest';
import { sessionOn } from '../../../src/modules/market/calendar/index.js';
import { createSyntheticProvider } from '../../../src/modules/market/ingest/synthetic/synthetic-provider.js';
import { roundSeriesPrices } from '../../../src/modules/market/synthetic/round-prices.js';
import { simulateSession } from '../../../src/modules/market/synthetic/index.js';
import { anchorOn, clockAt, fetch, newYork, SECTOR, SEED, SHARES } from './helpers.js';

// Tuesday 2026-11-24 is the stored history's last session; Wednesday trades a full day.
const ANCHOR = anchorOn('2026-11-24', 180);
const WEDNESDAY = sessionOn('2026-11-25')!;
const isoNewYork = (seconds: number) => new Date(seconds * 1000).toLocaleTimeString('en-GB', { timeZone: 'America/New_York' });

function providerAt(ms: number, anchor = ANCHOR) {
  const clock = clockAt(ms);
  const provider = createSyntheticProvider({ seed: SEED, anchorOf: async () => anchor, now: clock.now });
  return { clock, provider };
}

describe('the synthetic market in wall-clock time', () => {
  it('shows the minute bar that starts at 10:31 once the clock reaches 10:32, not before', async () => {
    const { clock, provider } = providerAt(newYork('2026-11-25', '10:31:59.999'));
    const before = await fetch(provider, 'NVDA', '1d', '1m');
    expect(before.bars).toHaveLength(61);
    expect(isoNewYork(before.bars.at(-1)!.time)).toBe('10:30:00');

    clock.ms = newYork('2026-11-25', '10:32');
    const after = await fetch(provider, 'NVDA', '1d', '1m');
    expect(after.bars).toHaveLength(62);
    expect(isoNewYork(after.bars.at(-1)!.time)).toBe('10:31:00');
  });

  it('never changes a bar it has shown: the bars at 10:45 are the start of the bars at 15:00', async () => {
    const early = providerAt(newYork('2026-11-25', '10:45:30')).provider;
    const late = providerAt(newYork('2026-11-25', '15:00')).provider;
    for (const [range, interval, shownAt1045] of [['1d', '1m', 75], ['5d', '5m', 15], ['1mo', '1h', 1]] as const) {
      const [shown, later] = [await fetch(early, 'NVDA', range, interval), await fetch(late, 'NVDA', range, interval)];
      expect(shown.bars).toHaveLength(shownAt1045);
      expect(later.bars.length).toBeGreaterThan(shown.bars.length);
      expect(later.bars.slice(0, shown.bars.length)).toEqual(shown.bars);
    }
  });

  it('gives the same session to a call at 15:00 as to a call every minute of the day, simulating it once', async () => {
    const { clock, provider: steady } = providerAt(newYork('2026-11-25', '09:31'));
    for (; clock.ms <= newYork('2026-11-25', '15:00'); clock.ms += 60_000) {
      await fetch(steady, 'NVDA', '1d', '1m');
      await fetch(steady, 'NVDA', '5d', '5m');
    }
    clock.ms = newYork('2026-11-25', '15:00');
    const fresh = providerAt(clock.ms).provider;
    for (const [range, interval] of [['1d', '1m'], ['5d', '5m'], ['1mo', '1h'], ['1y', '1d']] as const) {
      expect(await fetch(steady, 'NVDA', range, interval)).toEqual(await fetch(fresh, 'NVDA', range, interval));
    }
    expect(steady.simulatedSessions).toBe(1);
  });

  it("grows today's daily bar from the revealed minutes and closes it at 16:00 New York", async () => {
    const { clock, provider } = providerAt(newYork('2026-11-25', '15:59:59'));
    const complete = simulateSession({ seed: SEED, listing: { symbol: 'NVDA', sector: SECTOR }, session: WEDNESDAY, previousClose: 180, sharesOutstanding: SHARES });
    for (const series of [complete.daily, complete.hourly, complete.oneMinute]) roundSeriesPrices(series);

    const [partial] = (await fetch(provider, 'NVDA', '1d', '1d')).bars;
    expect(partial!.close).toBe(complete.oneMinute.close[388]);
    expect(partial!.volume).toBe(complete.daily.volume[0]! - complete.oneMinute.volume[389]!);
    expect((await fetch(provider, 'NVDA', '1mo', '1h')).bars).toHaveLength(6); // 15:30–16:00 has not ended

    clock.ms = newYork('2026-11-25', '16:00');
    const closed = await fetch(provider, 'NVDA', '1d', '1d');
    expect(closed.bars).toEqual([
      { time: WEDNESDAY.open, open: complete.daily.open[0], high: complete.daily.high[0], low: complete.daily.low[0], close: complete.daily.close[0], volume: complete.daily.volume[0] },
    ]);
    expect(closed.quote).toMatchObject({ price: complete.daily.close[0], time: WEDNESDAY.close * 1000 });
    const hourly = await fetch(provider, 'NVDA', '1mo', '1h');
    expect(hourly.bars.map((bar) => isoNewYork(bar.time))).toEqual(['09:30:00', '10:30:00', '11:30:00', '12:30:00', '13:30:00', '14:30:00', '15:30:00']);

    clock.ms = newYork('2026-11-25', '20:00');
    expect(await fetch(provider, 'NVDA', '1d', '1d')).toEqual(closed);
  });

  it('closes the day at 13:00 New York on an early-close day (the Friday after Thanksgiving)', async () => {
    const { clock, provider } = providerAt(newYork('2026-11-27', '12:59:59'), anchorOn('2026-11-25', 180));
    expect((await fetch(provider, 'NVDA', '1d', '1m')).bars).toHaveLength(209);

    clock.ms = newYork('2026-11-27', '13:00');
    const minutes = await fetch(provider, 'NVDA', '1d', '1m');
    expect(minutes.bars).toHaveLength(210);
    expect(minutes.quote.time).toBe(sessionOn('2026-11-27')!.close * 1000);
    expect((await fetch(provider, 'NVDA', '1d', '1h')).bars.map((bar) => isoNewYork(bar.time))).toEqual(['09:30:00', '10:30:00', '11:30:00', '12:30:00']);

    clock.ms = newYork('2026-11-27', '16:00');
    expect(await fetch(provider, 'NVDA', '1d', '1m')).toEqual(minutes);
  });

  it('quotes the last revealed minute, with the session so far as open, high, low and volume', async () => {
    const { provider } = providerAt(newYork('2026-11-25', '11:17:30'));
    const { quote, bars } = await fetch(provider, 'NVDA', '1d', '1m');
    const last = bars.at(-1)!;
    expect(quote).toEqual({
      price: last.close,
      previousClose: 180,
      open: bars[0]!.open,
      high: Math.max(...bars.map((bar) => bar.high)),
      low: Math.min(...bars.map((bar) => bar.low)),
      volume: bars.reduce((sum, bar) => sum + bar.volume, 0),
      time: (last.time + 60) * 1000,
      currency: 'USD',
    });
    const [daily] = (await fetch(provider, 'NVDA', '1d', '1d')).bars;
    expect(daily).toEqual({ time: WEDNESDAY.open, open: quote.open, high: quote.high, low: quote.low, close: quote.price, volume: quote.volume });
  });

  it('shows nothing of a session before its first minute has ended (09:30:59)', async () => {
    const { provider } = providerAt(newYork('2026-11-25', '09:30:59'));
    const payload = await fetch(provider, 'NVDA', '1d', '1m');
    expect(payload.bars).toEqual([]);
    expect(payload.quote).toEqual({ price: 180, previousClose: null, open: null, high: null, low: null, volume: null, time: sessionOn('2026-11-24')!.close * 1000, currency: 'USD' });
  });
});
