import { describe, expect, it } from 'vitest';
import { sessionOn, sessionsBetween } from '../../../src/modules/market/calendar/index.js';
import { createSyntheticProvider } from '../../../src/modules/market/ingest/synthetic/synthetic-provider.js';
import type { SyntheticAnchor } from '../../../src/modules/market/ingest/synthetic/synthetic-provider.js';
import { roundSeriesPrices } from '../../../src/modules/market/synthetic/round-prices.js';
import { simulateSession } from '../../../src/modules/market/synthetic/index.js';
import { anchorOn, clockAt, DailyBarStore, fetch, newYork, SECTOR, SEED, SHARES } from './helpers.js';

const newYorkDate = (seconds: number) => new Date(seconds * 1000).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });

function providerAt(ms: number, anchor: SyntheticAnchor) {
  const clock = clockAt(ms);
  return { clock, provider: createSyntheticProvider({ seed: SEED, anchorOf: async () => anchor, now: clock.now }) };
}

/** The session's bars as the provider must produce them: simulated from `previousClose`, rounded to the tick. */
function simulated(date: string, previousClose: number) {
  const bars = simulateSession({ seed: SEED, listing: { symbol: 'NVDA', sector: SECTOR }, session: sessionOn(date)!, previousClose, sharesOutstanding: SHARES });
  for (const series of [bars.daily, bars.hourly, bars.fiveMinute, bars.oneMinute]) roundSeriesPrices(series);
  return bars;
}

describe('the synthetic market and the NYSE calendar', () => {
  it('trades nothing on the weekend right after the stored session, nor on Monday before the open', async () => {
    const friday = anchorOn('2026-11-20', 180);
    for (const ms of [newYork('2026-11-20', '17:00'), newYork('2026-11-21', '12:00'), newYork('2026-11-22', '23:59'), newYork('2026-11-23', '09:30:59')]) {
      const payload = await fetch(providerAt(ms, friday).provider, 'NVDA', '5d', '5m');
      expect(payload.bars).toEqual([]);
      expect(payload.quote).toEqual({ price: 180, previousClose: null, open: null, high: null, low: null, volume: null, time: sessionOn('2026-11-20')!.close * 1000, currency: 'USD' });
    }
  });

  it('trades nothing on a holiday: on Thanksgiving the latest session is still Wednesday', async () => {
    const { provider } = providerAt(newYork('2026-11-26', '12:00'), anchorOn('2026-11-24', 180));
    const daily = await fetch(provider, 'NVDA', '5d', '1d');
    expect(daily.bars.map((bar) => newYorkDate(bar.time))).toEqual(['2026-11-25']);
    expect(daily.quote).toMatchObject({ price: daily.bars[0]!.close, previousClose: 180, time: sessionOn('2026-11-25')!.close * 1000 });
    const fiveMinutes = await fetch(provider, 'NVDA', '5d', '5m');
    expect(fiveMinutes.bars).toHaveLength(78);
    expect(new Set(fiveMinutes.bars.map((bar) => newYorkDate(bar.time)))).toEqual(new Set(['2026-11-25']));
  });

  it('continues over the Easter weekend: Monday opens from Thursday’s close, Good Friday trades nothing', async () => {
    const { provider } = providerAt(newYork('2026-04-06', '10:00'), anchorOn('2026-04-02', 50));
    const payload = await fetch(provider, 'NVDA', '5d', '5m');
    const monday = simulated('2026-04-06', 50);
    expect(payload.bars).toHaveLength(6);
    expect(payload.bars.map((bar) => bar.open)).toEqual(Array.from(monday.fiveMinute.open.subarray(0, 6)));
    expect(payload.quote.previousClose).toBe(50);
  });

  it('chains over Thanksgiving: the half day on Friday, then Monday from Friday’s rounded close', async () => {
    const { provider } = providerAt(newYork('2026-11-30', '10:00'), anchorOn('2026-11-25', 180));
    const friday = simulated('2026-11-27', 180);
    const monday = simulated('2026-11-30', friday.daily.close[0]!);

    const daily = await fetch(provider, 'NVDA', '5d', '1d');
    expect(daily.bars.map((bar) => newYorkDate(bar.time))).toEqual(['2026-11-27', '2026-11-30']);
    expect(daily.bars[0]!.close).toBe(friday.daily.close[0]);
    expect(daily.quote.previousClose).toBe(friday.daily.close[0]);

    const fiveMinutes = await fetch(provider, 'NVDA', '5d', '5m');
    expect(fiveMinutes.bars).toHaveLength(42 + 6);
    expect(fiveMinutes.bars.slice(42).map((bar) => bar.close)).toEqual(Array.from(monday.fiveMinute.close.subarray(0, 6)));
    expect(fiveMinutes.quote.price).toBe(monday.oneMinute.close[29]);
  });

  it('shows an updater that stores what it fetched the same market as one that never stored anything', async () => {
    const store = new DailyBarStore({ NVDA: [{ date: '2026-11-23', close: 178 }, { date: '2026-11-24', close: 180 }] });
    const clock = clockAt(newYork('2026-11-25', '08:00'));
    const storing = createSyntheticProvider({ seed: SEED, anchorOf: store.anchorOf, now: clock.now });
    // Every 13 minutes, day and night, from Wednesday through Thanksgiving and the half day to Monday noon.
    for (; clock.ms <= newYork('2026-11-30', '12:00'); clock.ms += 13 * 60_000) {
      store.upsert('NVDA', (await fetch(storing, 'NVDA', '5d', '1d')).bars);
    }
    clock.ms -= 13 * 60_000; // the last instant stored
    // Before Wednesday's open Tuesday was still the latest session, so it was simulated afresh from Monday.
    const stateless = createSyntheticProvider({ seed: SEED, anchorOf: async () => anchorOn('2026-11-23', 178), now: clock.now });
    for (const [range, interval] of [['1d', '1m'], ['5d', '5m'], ['1mo', '1h'], ['1mo', '1d']] as const) {
      const [fromStore, fromScratch] = [await fetch(storing, 'NVDA', range, interval), await fetch(stateless, 'NVDA', range, interval)];
      expect(fromStore.quote).toEqual(fromScratch.quote);
      // The storing one only re-sends today's session: everything before it is already in its store.
      expect(fromScratch.bars.slice(-fromStore.bars.length)).toEqual(fromStore.bars);
    }
    const stored = store.dailyOf('NVDA').slice(1);
    expect(stored.map((bar) => newYorkDate(bar.time))).toEqual(sessionsBetween('2026-11-24', '2026-11-30').map((s) => s.date));
    expect(stored).toEqual((await fetch(stateless, 'NVDA', '1mo', '1d')).bars);
  });

  it('re-simulates a session whose daily bar was stored half-way, so the price never freezes at it', async () => {
    const store = new DailyBarStore({ NVDA: [{ date: '2026-11-23', close: 178 }, { date: '2026-11-24', close: 180 }] });
    const clock = clockAt(newYork('2026-11-25', '10:45'));
    const provider = createSyntheticProvider({ seed: SEED, anchorOf: store.anchorOf, now: clock.now });
    store.upsert('NVDA', (await fetch(provider, 'NVDA', '1d', '1d')).bars);

    clock.ms = newYork('2026-11-25', '15:00');
    const later = await fetch(provider, 'NVDA', '1d', '1m');
    expect(later.bars).toHaveLength(330);
    expect(later.quote.previousClose).toBe(180);
  });
});
