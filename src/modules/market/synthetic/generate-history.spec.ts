import { describe, expect, it } from 'vitest';
import { sessionOn, sessionsBetween, type TradingSession } from '../calendar/index.js';
import { generateHistory, seriesOf } from './generate-history.js';
import { INTERVAL_SECONDS, type BarSeries, type HistoryPlan, type SyntheticHistory, type SyntheticListing } from './history-types.js';

const LAST = sessionOn('2026-11-25')!;
const EARLY_CLOSE = sessionOn('2026-11-27')!;
const apple: SyntheticListing = { symbol: 'AAPL', sector: 'Information Technology', price: 230.5, marketCap: 3.4e12 };
const plan = (overrides: Partial<HistoryPlan> = {}): HistoryPlan => ({ seed: 42, lastSession: LAST, ...overrides });

/** Every way a bar can be implausible, as readable strings (an empty list is a pass). */
function barProblems(series: BarSeries): string[] {
  const problems: string[] = [];
  for (let i = 0; i < series.length; i++) {
    const [open, high, low, close, volume] = [series.open[i]!, series.high[i]!, series.low[i]!, series.close[i]!, series.volume[i]!];
    const at = `${series.intervalSeconds}s bar ${i}`;
    if (![open, high, low, close].every((price) => Number.isFinite(price) && price > 0)) problems.push(`${at}: non-positive price`);
    if (high < Math.max(open, close)) problems.push(`${at}: high ${high} below open/close`);
    if (low > Math.min(open, close)) problems.push(`${at}: low ${low} above open/close`);
    if (!Number.isInteger(volume) || volume < 0) problems.push(`${at}: volume ${volume}`);
  }
  return problems;
}

/** Bars whose start is not a minute of a session, or not on the interval's grid from the open. */
function offSessionBars(series: BarSeries): string[] {
  const problems: string[] = [];
  for (let i = 0; i < series.length; i++) {
    const time = series.time[i]!;
    const date = new Date((time - 5 * 3600) * 1000).toISOString().slice(0, 10); // 09:30–16:00 ET is the same day in UTC−5
    const session = sessionOn(date);
    const step = series.intervalSeconds === INTERVAL_SECONDS.ONE_DAY ? Number.POSITIVE_INFINITY : series.intervalSeconds;
    const onGrid = session !== null && time >= session.open && time < session.close && ((time - session.open) % step === 0 || time === session.open);
    if (!onGrid) problems.push(`${series.intervalSeconds}s bar at ${new Date(time * 1000).toISOString()}`);
    if (i > 0 && time <= series.time[i - 1]!) problems.push(`${series.intervalSeconds}s bar ${i} is not after the one before`);
  }
  return problems;
}

/** The bars of one session, aggregated: what its daily bar must equal. */
function aggregateOf(series: BarSeries, session: TradingSession) {
  let first = -1;
  let last = -1;
  for (let i = 0; i < series.length; i++) {
    if (series.time[i]! >= session.open && series.time[i]! < session.close) {
      if (first < 0) first = i;
      last = i;
    }
  }
  let high = -Infinity;
  let low = Infinity;
  let volume = 0;
  for (let i = first; i <= last; i++) {
    high = Math.max(high, series.high[i]!);
    low = Math.min(low, series.low[i]!);
    volume += series.volume[i]!;
  }
  return { open: series.open[first]!, high, low, close: series.close[last]!, volume };
}

function dailyBarOf(history: SyntheticHistory, session: TradingSession) {
  const daily = seriesOf(history, INTERVAL_SECONDS.ONE_DAY);
  const i = daily.time.indexOf(session.open);
  return { open: daily.open[i]!, high: daily.high[i]!, low: daily.low[i]!, close: daily.close[i]!, volume: daily.volume[i]! };
}

function annualisedVolatility(history: SyntheticHistory): number {
  const daily = seriesOf(history, INTERVAL_SECONDS.ONE_DAY);
  const returns = Array.from({ length: daily.length - 1 }, (_, i) => Math.log(daily.close[i + 1]! / daily.close[i]!));
  const mean = returns.reduce((a, b) => a + b, 0) / returns.length;
  return Math.sqrt((returns.reduce((a, r) => a + (r - mean) ** 2, 0) / returns.length) * 252);
}

describe('generateHistory', () => {
  it('gives identical output for the same seed, listing and last session', () => {
    expect(generateHistory(apple, plan())).toEqual(generateHistory(apple, plan()));
  });

  it('gives a different history for a different seed', () => {
    const a = seriesOf(generateHistory(apple, plan({ seed: 1 })), INTERVAL_SECONDS.ONE_DAY);
    const b = seriesOf(generateHistory(apple, plan({ seed: 2 })), INTERVAL_SECONDS.ONE_DAY);
    expect(a.close[0]).not.toBe(b.close[0]);
  });

  it("never changes a stock's history because other stocks were generated, or generated first", () => {
    const alone = generateHistory(apple, plan());
    generateHistory({ symbol: 'XOM', sector: 'Energy' }, plan());
    generateHistory({ symbol: 'MSFT', sector: 'Information Technology' }, plan({ seed: 7, lastSession: EARLY_CLOSE }));
    expect(generateHistory(apple, plan())).toEqual(alone);
  });

  it('treats BRK-B, brk.b and BRK.B as the same stock', () => {
    const dotted = generateHistory({ symbol: 'BRK.B', sector: 'Financials' }, plan());
    const dashed = generateHistory({ symbol: 'BRK-B', sector: 'Financials' }, plan());
    expect(dashed.series).toEqual(dotted.series);
    expect(generateHistory({ symbol: 'brk.b', sector: 'Financials' }, plan()).quote).toEqual(dotted.quote);
  });

  it('produces one series per interval, shortest first, covering the default windows', () => {
    const history = generateHistory(apple, plan());
    expect(history.series.map((s) => s.intervalSeconds)).toEqual([60, 300, 3600, 86400]);
    const sessionsInFiveYears = sessionsBetween('2021-11-26', '2026-11-25');
    const sessionsInThreeMonths = sessionsBetween('2026-08-26', '2026-11-25');
    expect(seriesOf(history, INTERVAL_SECONDS.ONE_DAY).length).toBe(sessionsInFiveYears.length);
    expect(seriesOf(history, INTERVAL_SECONDS.ONE_HOUR).length).toBe(sessionsInThreeMonths.length * 7);
    expect(seriesOf(history, INTERVAL_SECONDS.FIVE_MINUTES).length).toBe(5 * 78);
    expect(seriesOf(history, INTERVAL_SECONDS.ONE_MINUTE).length).toBe(390);
  });

  it('puts every bar on a real session minute, with daily bars at the open', () => {
    const history = generateHistory(apple, plan({ lastSession: EARLY_CLOSE }));
    expect(history.series.flatMap(offSessionBars)).toEqual([]);
    const daily = seriesOf(history, INTERVAL_SECONDS.ONE_DAY);
    expect(daily.time[daily.length - 1]).toBe(EARLY_CLOSE.open);
  });

  it('ends an early-close session at 13:00: 210 one-minute bars and a short last hour', () => {
    const history = generateHistory(apple, plan({ lastSession: EARLY_CLOSE }));
    const minutes = seriesOf(history, INTERVAL_SECONDS.ONE_MINUTE);
    expect(minutes.length).toBe(210);
    expect(minutes.time[209]).toBe(EARLY_CLOSE.close - 60);
    const hourly = seriesOf(history, INTERVAL_SECONDS.ONE_HOUR);
    expect(hourly.time[hourly.length - 1]).toBe(EARLY_CLOSE.open + 3 * 3600);
  });

  it('keeps open, high, low and close positive and consistent, and volumes whole, in every bar', () => {
    for (const listing of [apple, { symbol: 'PENNY', sector: null, price: 0.37 }, { symbol: 'XOM', sector: 'Energy' }]) {
      expect(generateHistory(listing, plan({ lastSession: EARLY_CLOSE })).series.flatMap(barProblems)).toEqual([]);
    }
  });

  it('keeps those invariants across many stocks, seeds and sectors, fat-tailed days included', () => {
    const sectors = ['Energy', 'Utilities', 'Information Technology', null, 'Technology'];
    const histories = Array.from({ length: 40 }, (_, i) => {
      const listing = { symbol: `T${i}`, sector: sectors[i % sectors.length] ?? null, price: i % 3 === 0 ? 1 + i * 37 : null };
      return generateHistory(listing, plan({ seed: i, hourlyMonths: 1 }));
    });
    const problems = histories.flatMap((history) => history.series.flatMap(barProblems));
    expect(problems).toEqual([]);
  });

  it('makes the daily bar of every intraday session the aggregate of its hourly, 5-minute and 1-minute bars', () => {
    const history = generateHistory(apple, plan());
    for (const session of sessionsBetween('2026-08-26', '2026-11-25')) {
      expect(dailyBarOf(history, session)).toEqual(aggregateOf(seriesOf(history, INTERVAL_SECONDS.ONE_HOUR), session));
    }
    for (const session of sessionsBetween('2026-11-19', '2026-11-25')) {
      expect(dailyBarOf(history, session)).toEqual(aggregateOf(seriesOf(history, INTERVAL_SECONDS.FIVE_MINUTES), session));
    }
    expect(dailyBarOf(history, LAST)).toEqual(aggregateOf(seriesOf(history, INTERVAL_SECONDS.ONE_MINUTE), LAST));
  });

  it('connects consecutive minutes: each one opens where the previous closed', () => {
    const minutes = seriesOf(generateHistory(apple, plan()), INTERVAL_SECONDS.ONE_MINUTE);
    for (let i = 1; i < minutes.length; i++) expect(minutes.open[i]).toBe(minutes.close[i - 1]);
  });

  it('ends exactly at the listing price, with shares outstanding from its market cap', () => {
    const history = generateHistory(apple, plan());
    const daily = seriesOf(history, INTERVAL_SECONDS.ONE_DAY);
    expect(daily.close[daily.length - 1]).toBe(230.5);
    expect(history.quote.price).toBe(230.5);
    expect(history.sharesOutstanding).toBe(Math.round(3.4e12 / 230.5));
    expect(history.quote.marketCap / 3.4e12).toBeCloseTo(1, 9);
  });

  it('describes the last session in the quote, against the session before', () => {
    const history = generateHistory(apple, plan());
    const daily = seriesOf(history, INTERVAL_SECONDS.ONE_DAY);
    const last = daily.length - 1;
    expect(history.quote).toEqual({
      price: daily.close[last],
      previousClose: daily.close[last - 1],
      change: daily.close[last]! - daily.close[last - 1]!,
      changePercent: ((daily.close[last]! - daily.close[last - 1]!) / daily.close[last - 1]!) * 100,
      open: daily.open[last],
      high: daily.high[last],
      low: daily.low[last],
      volume: daily.volume[last],
      marketCap: history.sharesOutstanding * daily.close[last]!,
      updatedAt: LAST.close * 1000,
    });
  });

  it('picks a deterministic, realistic price level and market cap when the listing has none', () => {
    // The quote does not depend on the windows; small ones keep this quick.
    const quoteOnly = plan({ dailyYears: 0, hourlyMonths: 0, fiveMinuteSessions: 0, oneMinuteSessions: 0 });
    const quotes = Array.from({ length: 200 }, (_, i) => generateHistory({ symbol: `S${i}`, sector: null }, quoteOnly).quote);
    const prices = quotes.map((q) => q.price).sort((a, b) => a - b);
    const caps = quotes.map((q) => q.marketCap).sort((a, b) => a - b);
    expect(prices[0]).toBeGreaterThanOrEqual(2);
    expect(prices[100]).toBeGreaterThan(30);
    expect(prices[100]).toBeLessThan(120);
    expect(caps[100]).toBeGreaterThan(2e9);
    expect(caps[100]).toBeLessThan(1.2e10);
    expect(generateHistory({ symbol: 'S1', sector: null }, plan()).quote.price).toBe(quotes[1]!.price);
  });

  it('ignores a price or market cap that is not a positive number', () => {
    const withoutPrice = generateHistory({ symbol: 'ODD', sector: 'Energy' }, plan());
    expect(generateHistory({ symbol: 'ODD', sector: 'Energy', price: 0, marketCap: Number.NaN }, plan())).toEqual(withoutPrice);
    expect(generateHistory({ symbol: 'ODD', sector: 'Energy', price: null, marketCap: -5 }, plan())).toEqual(withoutPrice);
  });

  it('trades roughly 0.3–1.5% of the shares outstanding on a typical day', () => {
    const history = generateHistory(apple, plan());
    const volumes = Array.from(seriesOf(history, INTERVAL_SECONDS.ONE_DAY).volume).sort((a, b) => a - b);
    const medianTurnover = volumes[volumes.length >> 1]! / history.sharesOutstanding;
    expect(medianTurnover).toBeGreaterThan(0.002);
    expect(medianTurnover).toBeLessThan(0.02);
  });

  it('moves Energy stocks more than Utilities over many stocks', () => {
    const averageVolatility = (sector: string) => {
      const histories = Array.from({ length: 30 }, (_, i) => generateHistory({ symbol: `${sector.slice(0, 3)}${i}`, sector }, plan()));
      return histories.map(annualisedVolatility).reduce((a, b) => a + b) / histories.length;
    };
    const energy = averageVolatility('Energy');
    const utilities = averageVolatility('Utilities');
    expect(energy).toBeGreaterThan(utilities * 1.4);
    expect(utilities).toBeGreaterThan(0.12);
    expect(energy).toBeLessThan(0.5);
  });

  it('gives empty series for windows of zero, and still a quote', () => {
    const history = generateHistory(apple, plan({ dailyYears: 0, hourlyMonths: 0, fiveMinuteSessions: 0, oneMinuteSessions: 0 }));
    expect(history.series.map((s) => s.length)).toEqual([0, 0, 0, 0]);
    expect(history.quote.price).toBe(230.5);
    expect(history.quote.previousClose).toBeGreaterThan(0);
  });

  it('rejects a last session that is not a trading day, and windows that are not whole numbers', () => {
    expect(() => generateHistory(apple, plan({ lastSession: { date: '2026-11-26', open: 0, close: 0 } }))).toThrow(/not an NYSE trading day/);
    expect(() => generateHistory(apple, plan({ hourlyMonths: -1 }))).toThrow(/hourlyMonths/);
    expect(() => generateHistory(apple, plan({ dailyYears: 1.5 }))).toThrow(/dailyYears/);
  });
});
