/**
 * The Yahoo provider turning good (and nearly good) chart answers into payloads, over real HTTP against
 * the fake Yahoo server.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateChartPayload } from '../../../src/modules/market/ingest/validate-payload.js';
import { createYahooProvider, DEFAULT_USER_AGENT } from '../../../src/modules/market/ingest/yahoo/yahoo-provider.js';
import { goodChart, startFakeYahoo, type FakeYahoo } from '../../helpers/fake-yahoo.js';
import { failureOf, fetchChart } from './harness.js';

let yahoo: FakeYahoo;
let provider: ReturnType<typeof createYahooProvider>;

beforeAll(async () => {
  yahoo = await startFakeYahoo();
  provider = createYahooProvider({ baseUrl: yahoo.baseUrl });
});
afterAll(() => yahoo.close());
beforeEach(() => yahoo.reset());

describe('the Yahoo provider reading good charts', () => {
  it('turns a chart into a payload with the quote and every bar, and asks for what it was asked', async () => {
    yahoo.script('AAPL', { kind: 'good', chart: { bars: 5, price: 200 } });
    const payload = await fetchChart(provider, 'AAPL', '1d');
    const sent = goodChart('AAPL', { bars: 5, price: 200, interval: '1m' }).chart.result[0]!;
    const quote = sent.indicators.quote[0]!;

    expect(payload.symbol).toBe('AAPL');
    expect(payload.interval).toBe('1m');
    expect(payload.quote).toEqual({
      price: sent.meta.regularMarketPrice,
      previousClose: 200,
      open: null, // goodChart, like Yahoo, does not state the day's open
      high: sent.meta.regularMarketDayHigh,
      low: sent.meta.regularMarketDayLow,
      volume: 5000,
      time: sent.meta.regularMarketTime * 1000,
      currency: 'USD',
    });
    expect(payload.bars).toHaveLength(5);
    expect(payload.bars[4]).toEqual({
      time: sent.timestamp![4],
      open: quote.open![4],
      high: quote.high![4],
      low: quote.low![4],
      close: quote.close![4],
      volume: quote.volume![4],
    });
    expect(validateChartPayload({ symbol: 'AAPL', range: '1d', interval: '1m' }, payload)).toEqual({ ok: true, payload });
    expect(yahoo.requests).toMatchObject([{ symbol: 'AAPL', range: '1d', interval: '1m', userAgent: DEFAULT_USER_AGENT }]);
  });

  it('drops minutes without trades instead of storing them as bars', async () => {
    yahoo.script('MSFT', { kind: 'good', chart: { bars: 6, nullBars: [1, 4] } });
    const payload = await fetchChart(provider, 'MSFT');
    const times = goodChart('MSFT', { bars: 6, interval: '1m' }).chart.result[0]!.timestamp!;
    expect(payload.bars.map((bar) => bar.time)).toEqual([times[0], times[2], times[3], times[5]]);
  });

  it('keeps a bar with only some prices missing, as NaN, so that validation rejects the chart', async () => {
    const chart = goodChart('MSFT', { bars: 4, interval: '1m' });
    chart.chart.result[0]!.indicators.quote[0]!.close![2] = null;
    yahoo.script('MSFT', { kind: 'custom', json: chart });
    const payload = await fetchChart(provider, 'MSFT');
    expect(payload.bars).toHaveLength(4);
    expect(payload.bars[2]!.close).toBeNaN();
    const verdict = validateChartPayload({ symbol: 'MSFT', range: '1d', interval: '1m' }, payload);
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/^bar 2 .*close NaN is not a finite number/) });
  });

  it('answers a quote alone for a symbol with no bars (Yahoo leaves out timestamp)', async () => {
    yahoo.script('IPO', { kind: 'good', chart: { bars: 0, price: 12.5 } });
    const payload = await fetchChart(provider, 'IPO');
    expect(payload.bars).toEqual([]);
    expect(payload.quote.price).toBe(12.5);
  });

  it('asks for the symbol URL-encoded and reports the symbol as Yahoo writes it', async () => {
    const payload = await fetchChart(provider, '^GSPC', '5d');
    expect(yahoo.requests[0]).toMatchObject({ symbol: '^GSPC', range: '5d', interval: '5m' });
    expect(payload.symbol).toBe('^GSPC');

    yahoo.script('BRK.B', { kind: 'custom', json: goodChart('BRK-B', { interval: '1d' }) });
    const brk = await fetchChart(provider, 'BRK.B', '1y');
    expect(brk.symbol).toBe('BRK-B');
    expect(validateChartPayload({ symbol: 'BRK.B', range: '1y', interval: '1d' }, brk).ok).toBe(true);
  });

  it("takes Yahoo's 60m for an hour, and refuses bars coarser than it was asked for", async () => {
    yahoo.script('AAPL', { kind: 'good', chart: { interval: '60m' } });
    expect((await fetchChart(provider, 'AAPL', '1mo')).interval).toBe('1h');

    yahoo.script('AAPL', { kind: 'good', chart: { interval: '3mo' } });
    expect(await failureOf(fetchChart(provider, 'AAPL', 'max'))).toMatchObject({
      kind: 'malformed',
      detail: 'Yahoo served 3mo bars for 1d (we store 1m, 5m, 1h, 1d)',
    });
  });

  it("uses chartPreviousClose as the previous close only on a one-day chart, where it is yesterday's close", async () => {
    const chart = goodChart('AAPL', { price: 50 });
    delete chart.chart.result[0]!.meta.previousClose;
    yahoo.script('AAPL', { kind: 'custom', json: chart });
    expect((await fetchChart(provider, 'AAPL', '1d')).quote.previousClose).toBe(50);
    expect((await fetchChart(provider, 'AAPL', '1y')).quote.previousClose).toBeNull();
  });

  it('sends the configured user agent', async () => {
    const custom = createYahooProvider({ baseUrl: yahoo.baseUrl, userAgent: 'stockql-test/1' });
    await fetchChart(custom, 'AAPL');
    expect(yahoo.requests[0]!.userAgent).toBe('stockql-test/1');
  });
});
