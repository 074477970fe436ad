import { describe, expect, it } from 'vitest';
import { nextSession, sessionOn } from '../calendar/index.js';
import { generateHistory, seriesOf } from './generate-history.js';
import { barAt } from './bar-series.js';
import { INTERVAL_SECONDS } from './history-types.js';
import { simulateSession } from './simulate-session.js';

const listing = { symbol: 'NVDA', sector: 'Information Technology', price: 180, marketCap: 4.4e12 };
const YESTERDAY = sessionOn('2026-11-24')!;
const TODAY = nextSession(YESTERDAY);


function expectSameBar(actual: ReturnType<typeof barAt>, expected: ReturnType<typeof barAt>) {
  expect(actual.time).toBe(expected.time);
  expect(actual.volume).toBe(expected.volume);
  for (const field of ['open', 'high', 'low', 'close'] as const) expect(actual[field] / expected[field]).toBeCloseTo(1, 10);
}

describe('simulateSession', () => {
  it("continues yesterday's history into the same bars a history generated through today has", () => {
    const yesterday = generateHistory(listing, { seed: 42, lastSession: YESTERDAY });
    const today = simulateSession({
      seed: 42,
      listing,
      session: TODAY,
      previousClose: yesterday.quote.price,
      sharesOutstanding: yesterday.sharesOutstanding,
    });
    const close = today.daily.close[0]!;
    const regenerated = generateHistory({ ...listing, price: close, marketCap: yesterday.sharesOutstanding * close }, { seed: 42, lastSession: TODAY });

    const regeneratedDaily = seriesOf(regenerated, INTERVAL_SECONDS.ONE_DAY);
    const yesterdayDaily = seriesOf(yesterday, INTERVAL_SECONDS.ONE_DAY);
    expectSameBar(barAt(regeneratedDaily, regeneratedDaily.length - 1), barAt(today.daily, 0));
    expectSameBar(barAt(regeneratedDaily, regeneratedDaily.length - 2), barAt(yesterdayDaily, yesterdayDaily.length - 1));
    const regeneratedMinutes = seriesOf(regenerated, INTERVAL_SECONDS.ONE_MINUTE);
    for (let i = 0; i < today.oneMinute.length; i += 37) expectSameBar(barAt(regeneratedMinutes, i), barAt(today.oneMinute, i));
  });

  it('returns bars for every interval of the session, whose daily bar aggregates its minutes', () => {
    const session = sessionOn('2026-11-27')!;
    const bars = simulateSession({ seed: 1, listing, session, previousClose: 100, sharesOutstanding: 1e9 });
    expect([bars.oneMinute.length, bars.fiveMinute.length, bars.hourly.length, bars.daily.length]).toEqual([210, 42, 4, 1]);
    expect(bars.daily.time[0]).toBe(session.open);
    expect(bars.daily.open[0]).toBe(bars.oneMinute.open[0]);
    expect(bars.daily.close[0]).toBe(bars.oneMinute.close[209]);
    expect(bars.daily.high[0]).toBe(Math.max(...bars.oneMinute.high));
    expect(bars.daily.low[0]).toBe(Math.min(...bars.oneMinute.low));
    expect(bars.daily.volume[0]).toBe(bars.oneMinute.volume.reduce((a, b) => a + b, 0));
  });

  it('rejects a day without a session and a non-positive previous close', () => {
    const input = { seed: 1, listing, session: TODAY, previousClose: 100, sharesOutstanding: 1e9 };
    expect(() => simulateSession({ ...input, session: { date: '2026-11-26', open: 0, close: 0 } })).toThrow(/not an NYSE trading day/);
    expect(() => simulateSession({ ...input, previousClose: 0 })).toThrow(/previousClose/);
  });
});
