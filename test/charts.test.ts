import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_AS_OF } from './helpers/constants.js';
import { dataOf, errorOf, startServer, statementCount, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

interface Point { time: string; open: number; high: number; low: number; close: number; volume: number }

async function chart(symbol: string, range: string, interval?: string) {
  const args = interval ? `range: ${range}, interval: ${interval}` : `range: ${range}`;
  const { stock } = dataOf(await server.query(`{ stock(symbol: "${symbol}") { chart(${args}) {
    symbol range interval open close high low change changePercent points { time open high low close volume } } } }`));
  return stock.chart as { symbol: string; range: string; interval: string; open: number; close: number; high: number; low: number; change: number; changePercent: number; points: Point[] };
}

/** The New York calendar date of an instant. */
const newYorkDate = (iso: string) => new Date(iso).toLocaleDateString('en-CA', { timeZone: 'America/New_York' });

/** Groups daily points as the server's weekly/monthly bars should, for comparison. */
function aggregate(points: Point[], bucketOf: (p: Point) => string) {
  const buckets = new Map<string, Point[]>();
  for (const p of points) buckets.set(bucketOf(p), [...(buckets.get(bucketOf(p)) ?? []), p]);
  return [...buckets.values()].map((ps) => ({
    time: ps[0]!.time,
    open: ps[0]!.open,
    close: ps.at(-1)!.close,
    high: Math.max(...ps.map((p) => p.high)),
    low: Math.min(...ps.map((p) => p.low)),
    volume: ps.reduce((sum, p) => sum + p.volume, 0),
  }));
}

const mondayOf = (p: Point) => {
  const d = new Date(`${newYorkDate(p.time)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
};

describe('Stock.chart', () => {
  it.each([
    ['ONE_DAY', 'ONE_MINUTE'],
    ['FIVE_DAYS', 'FIVE_MINUTES'],
    ['ONE_MONTH', 'ONE_HOUR'],
    ['SIX_MONTHS', 'ONE_DAY'],
    ['YEAR_TO_DATE', 'ONE_DAY'],
    ['ONE_YEAR', 'ONE_DAY'],
    ['FIVE_YEARS', 'ONE_WEEK'],
    ['MAX', 'ONE_MONTH'],
  ])('serves %s at %s by default, in time order, with a consistent summary', async (range, interval) => {
    const c = await chart('MSFT', range);
    expect(c).toMatchObject({ symbol: 'MSFT', range, interval });
    expect(c.points.length).toBeGreaterThan(3);
    const times = c.points.map((p) => Date.parse(p.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(new Set(times).size).toBe(times.length);
    expect(c.open).toBe(c.points[0]!.open);
    expect(c.close).toBe(c.points.at(-1)!.close);
    expect(c.high).toBe(Math.max(...c.points.map((p) => p.high)));
    expect(c.low).toBe(Math.min(...c.points.map((p) => p.low)));
    expect(c.change).toBeCloseTo(c.close - c.open, 9);
    expect(c.changePercent).toBeCloseTo(((c.close - c.open) / c.open) * 100, 9);
    for (const p of c.points) {
      expect(p.high).toBeGreaterThanOrEqual(Math.max(p.open, p.close));
      expect(p.low).toBeLessThanOrEqual(Math.min(p.open, p.close));
      expect(p.volume).toBeGreaterThanOrEqual(0);
    }
  });

  it('shows the latest session minute by minute for ONE_DAY, ending at its close (13:00 on the early close)', async () => {
    const c = await chart('AAPL', 'ONE_DAY');
    expect(new Set(c.points.map((p) => newYorkDate(p.time)))).toEqual(new Set([TEST_AS_OF]));
    expect(c.points).toHaveLength(210);
    expect(c.points[0]!.time).toBe(`${TEST_AS_OF}T14:30:00.000Z`);
    expect(c.points.at(-1)!.time).toBe(`${TEST_AS_OF}T17:59:00.000Z`);
  });

  it('ends the chart on the quote: the last close is the current price', async () => {
    const { stock } = dataOf(await server.query(`{ stock(symbol: "JPM") { quote { price high low volume } chart(range: ONE_DAY) { close high low } } }`));
    expect(stock.chart.close).toBe(stock.quote.price);
    expect(stock.chart.high).toBe(stock.quote.high);
    expect(stock.chart.low).toBe(stock.quote.low);
  });

  it('covers five sessions for FIVE_DAYS', async () => {
    const c = await chart('AAPL', 'FIVE_DAYS');
    const sessions = [...new Set(c.points.map((p) => newYorkDate(p.time)))];
    expect(sessions).toHaveLength(5);
    expect(sessions.at(-1)).toBe(TEST_AS_OF);
    expect(sessions).not.toContain('2026-11-26'); // Thanksgiving
  });

  it('starts ONE_MONTH one calendar month before the latest session', async () => {
    const c = await chart('AAPL', 'ONE_MONTH');
    expect(newYorkDate(c.points[0]!.time) >= '2026-10-27').toBe(true);
    expect(newYorkDate(c.points[0]!.time) <= '2026-10-30').toBe(true);
  });

  it('starts YEAR_TO_DATE in January of the latest session\'s year', async () => {
    const c = await chart('AAPL', 'YEAR_TO_DATE');
    expect(c.points[0]!.time.startsWith('2026-01-0')).toBe(true);
  });

  it('aggregates 15-minute bars from 5-minute bars', async () => {
    const five = await chart('NVDA', 'ONE_DAY', 'FIVE_MINUTES');
    const fifteen = await chart('NVDA', 'ONE_DAY', 'FIFTEEN_MINUTES');
    const expected = aggregate(five.points, (p) => String(Math.floor(Date.parse(p.time) / 900_000)));
    expect(fifteen.points).toHaveLength(14);
    expect(fifteen.points).toEqual(expected);
  });

  it('aggregates weekly bars from daily bars, each starting on the week\'s first session', async () => {
    const daily = await chart('KO', 'ONE_YEAR', 'ONE_DAY');
    const weekly = await chart('KO', 'ONE_YEAR', 'ONE_WEEK');
    expect(weekly.points).toEqual(aggregate(daily.points, mondayOf));
  });

  it('aggregates monthly bars from daily bars', async () => {
    const daily = await chart('KO', 'MAX', 'ONE_DAY');
    const monthly = await chart('KO', 'MAX');
    expect(monthly.points).toEqual(aggregate(daily.points, (p) => newYorkDate(p.time).slice(0, 7)));
    expect(monthly.points.length).toBeGreaterThanOrEqual(59);
  });

  it.each([
    ['FIVE_YEARS', 'ONE_MINUTE'],
    ['ONE_DAY', 'ONE_DAY'],
    ['MAX', 'ONE_HOUR'],
    ['FIVE_DAYS', 'ONE_MINUTE'],
  ])('refuses %s at %s with BAD_USER_INPUT listing the intervals that fit', async (range, interval) => {
    const error = errorOf(await server.query(`{ stock(symbol: "AAPL") { chart(range: ${range}, interval: ${interval}) { interval } } }`));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'interval' });
    expect(error.message).toContain(`does not suit range ${range}`);
  });
});

describe('Stock.charts', () => {
  it('returns one chart per range, in the order asked, each at its default interval', async () => {
    const { stock } = dataOf(await server.query(`{ stock(symbol: "GOOGL") { charts(ranges: [MAX, ONE_DAY, ONE_YEAR]) { range interval points { time } } } }`));
    expect(stock.charts.map((c: any) => [c.range, c.interval])).toEqual([['MAX', 'ONE_MONTH'], ['ONE_DAY', 'ONE_MINUTE'], ['ONE_YEAR', 'ONE_DAY']]);
    expect(stock.charts.every((c: any) => c.points.length > 0)).toBe(true);
  });
});

describe('charts that read only time and close', () => {
  const ALL_RANGES = 'ONE_DAY, FIVE_DAYS, ONE_MONTH, SIX_MONTHS, YEAR_TO_DATE, ONE_YEAR, FIVE_YEARS, MAX';

  it('gives a line chart the same times and closes as a full chart, for every range', async () => {
    const line = dataOf(await server.query(`{ stock(symbol: "NVDA") { charts(ranges: [${ALL_RANGES}]) { range interval close points { time close } } } }`));
    const full = dataOf(await server.query(`{ stock(symbol: "NVDA") { charts(ranges: [${ALL_RANGES}]) { range interval close open points { time open high low close volume } } } }`));
    expect(line.stock.charts).toHaveLength(8);
    line.stock.charts.forEach((chart: any, i: number) => {
      const whole = full.stock.charts[i];
      expect(chart.points.length, chart.range).toBeGreaterThan(0);
      expect(chart).toEqual({ range: whole.range, interval: whole.interval, close: whole.close, points: whole.points.map((p: Point) => ({ time: p.time, close: p.close })) });
    });
  });

  it('reads every value when a fragment or a second selection of the same chart asks for more', async () => {
    const { stock } = dataOf(await server.query(`
      query { stock(symbol: "KO") {
        a: chart(range: ONE_YEAR, interval: ONE_WEEK) { points { time close } }
        b: chart(range: ONE_YEAR, interval: ONE_WEEK) { points { time close ...Bar } }
        c: chart(range: ONE_YEAR, interval: ONE_WEEK) { close ... on Chart { high changePercent } }
      } }
      fragment Bar on PricePoint { open high low volume }`));
    const full = await chart('KO', 'ONE_YEAR', 'ONE_WEEK');
    expect(stock.a.points).toEqual(full.points.map((p) => ({ time: p.time, close: p.close })));
    expect(stock.b.points).toEqual(full.points);
    expect(stock.c).toEqual({ close: full.close, high: full.high, changePercent: full.changePercent });
  });
});

describe('one stock alone or among others', () => {
  const ALL_RANGES = 'ONE_DAY, FIVE_DAYS, ONE_MONTH, SIX_MONTHS, YEAR_TO_DATE, ONE_YEAR, FIVE_YEARS, MAX';
  const FULL = `charts(ranges: [${ALL_RANGES}]) { range interval open close high low points { time open high low close volume } }`;
  const LINE = `charts(ranges: [${ALL_RANGES}]) { range interval close points { time close } }`;
  // No cache: every request reads SQLite, so a lone stock's charts come from the one-stock statement and
  // the same stock's charts beside others from the many-stock one (charts.store.ts).
  let cold: TestServer;
  beforeAll(async () => {
    cold = await startServer({ env: { CACHE_URL: 'off' } });
  });
  afterAll(() => cold.close());

  it.each([['full charts', FULL], ['line charts', LINE]])('draws the same %s for a stock read alone as beside other stocks, in one statement per stored interval', async (_name, selection) => {
    const batch = await cold.query(`{ a: stock(symbol: "NVDA") { ${selection} } b: stock(symbol: "KO") { ${selection} } c: stock(symbol: "JPM") { ${selection} } }`);
    expect(statementCount(batch.headers)).toBe(4 + 1);
    for (const [alias, symbol] of [['a', 'NVDA'], ['b', 'KO'], ['c', 'JPM']] as const) {
      const alone = await cold.query(`{ stock(symbol: "${symbol}") { ${selection} } }`);
      expect(statementCount(alone.headers)).toBe(4 + 1);
      const charts = dataOf(alone).stock.charts as { range: string; points: unknown[] }[];
      expect(charts.every((c) => c.points.length > 0)).toBe(true);
      expect(dataOf(batch)[alias].charts, symbol).toEqual(charts);
    }
  });
});
