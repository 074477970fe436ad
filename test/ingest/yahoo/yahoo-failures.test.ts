/**
 * Every way the fake Yahoo misbehaves ends in the ProviderError the fetcher needs to decide what to do
 * next (retry, wait as asked, give up on the symbol) — or, for an abort, in the caller's own reason.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createYahooProvider } from '../../../src/modules/market/ingest/yahoo/yahoo-provider.js';
import { goodChart, startFakeYahoo, type FakeYahoo } from '../../helpers/fake-yahoo.js';
import { failureOf, fetchChart } from './harness.js';

/** A fixed clock, in whole seconds, so an HTTP-date Retry-After converts exactly. */
const NOW = Date.UTC(2026, 10, 27, 15, 0, 0);

let yahoo: FakeYahoo;
let provider: ReturnType<typeof createYahooProvider>;

beforeAll(async () => {
  yahoo = await startFakeYahoo();
  provider = createYahooProvider({ baseUrl: yahoo.baseUrl, now: () => NOW });
});
afterAll(() => yahoo.close());
beforeEach(() => yahoo.reset());

describe('HTTP errors', () => {
  it('a 429 with Retry-After in seconds is retryable after that many seconds', async () => {
    yahoo.script('AAPL', { kind: 'status', status: 429, retryAfter: '120' });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toEqual({
      kind: 'http',
      status: 429,
      retryAfterMs: 120_000,
      detail: 'Too Many Requests',
      retryable: true,
    });
  });

  it('a 429 with Retry-After as an HTTP date waits until that date', async () => {
    yahoo.script('AAPL', { kind: 'status', status: 429, retryAfter: new Date(NOW + 90_000).toUTCString() });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({ status: 429, retryAfterMs: 90_000 });
  });

  it("Yahoo's plain-text 429 without Retry-After leaves the wait to the fetcher", async () => {
    yahoo.script('AAPL', { kind: 'status', status: 429, body: 'Too Many Requests\r\n' });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({
      kind: 'http',
      status: 429,
      retryAfterMs: null,
      detail: 'Too Many Requests',
      retryable: true,
    });
  });

  it("500 and 503 are retryable and carry Yahoo's error text", async () => {
    const body = JSON.stringify({ finance: { result: null, error: { code: 'Internal Server Error', description: 'backend timeout' } } });
    yahoo.script('AAPL', { kind: 'status', status: 500, body }, { kind: 'status', status: 503 });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({
      status: 500,
      detail: 'Internal Server Error: backend timeout',
      retryable: true,
    });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({ status: 503, detail: 'Service Unavailable', retryable: true });
  });

  it('an HTML error page becomes its text, not its markup', async () => {
    yahoo.script('AAPL', { kind: 'status', status: 502, body: '<html><body><h1>Bad  Gateway</h1></body></html>' });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({ status: 502, detail: 'Bad Gateway' });
  });

  it('other client errors are not retried', async () => {
    yahoo.script('AAPL', { kind: 'status', status: 401, body: '{"finance":{"error":{"code":"Unauthorized","description":"Invalid Crumb"}}}' });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({ status: 401, detail: 'Unauthorized: Invalid Crumb', retryable: false });
  });
});

describe('symbols without data', () => {
  it("Yahoo's 404 for an unknown symbol means no data, not a transport failure", async () => {
    yahoo.script('GONE', { kind: 'chart-error', code: 'Not Found', description: 'No data found, symbol may be delisted' });
    expect(await failureOf(fetchChart(provider, 'GONE'))).toEqual({
      kind: 'no-data',
      detail: 'Not Found: No data found, symbol may be delisted',
      retryable: false,
    });
  });

  it('a chart.error sent with 200 is no data too', async () => {
    yahoo.script('GONE', { kind: 'chart-error', status: 200, code: 'Not Found', description: 'No data found' });
    expect(await failureOf(fetchChart(provider, 'GONE'))).toMatchObject({ kind: 'no-data', detail: 'Not Found: No data found' });
  });

  it('an empty or null chart.result is no data', async () => {
    yahoo.script('NONE', { kind: 'custom', json: { chart: { result: [], error: null } } }, { kind: 'custom', json: { chart: { result: null, error: null } } });
    expect(await failureOf(fetchChart(provider, 'NONE'))).toMatchObject({ kind: 'no-data', detail: 'Yahoo returned no chart for NONE (1d, 1m)' });
    expect(await failureOf(fetchChart(provider, 'NONE'))).toMatchObject({ kind: 'no-data' });
  });
});

describe('answers that are not charts', () => {
  it('plain text with status 200 is malformed and quoted', async () => {
    yahoo.script('AAPL', { kind: 'malformed', body: 'Edge: Too Many Requests' });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({
      kind: 'malformed',
      detail: expect.stringMatching(/^expected JSON, got "Edge: Too Many Requests"/),
      retryable: false,
    });
  });

  it('truncated JSON is malformed', async () => {
    yahoo.script('AAPL', { kind: 'malformed', body: JSON.stringify(goodChart('AAPL')).slice(0, 300) });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({ kind: 'malformed', detail: expect.stringMatching(/^expected JSON/) });
  });

  it('JSON of the wrong shape is malformed with the path of the first problem', async () => {
    const chart = goodChart('AAPL') as any;
    chart.chart.result[0].indicators.quote[0].close = 'n/a';
    yahoo.script('AAPL', { kind: 'custom', json: chart });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({
      kind: 'malformed',
      detail: 'chart.result[0].indicators.quote[0].close: expected array, received string',
    });
  });

  it('series of different lengths are malformed', async () => {
    const chart = goodChart('AAPL', { bars: 5 });
    chart.chart.result[0]!.indicators.quote[0]!.volume!.pop();
    yahoo.script('AAPL', { kind: 'custom', json: chart });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({
      kind: 'malformed',
      detail: 'indicators.quote[0].volume has 4 entries but timestamp has 5',
    });
  });

  it('a body larger than the limit is refused, not buffered', async () => {
    const small = createYahooProvider({ baseUrl: yahoo.baseUrl, maxBodyBytes: 1000 });
    yahoo.script('AAPL', { kind: 'good', chart: { bars: 200 } });
    expect(await failureOf(fetchChart(small, 'AAPL'))).toMatchObject({ kind: 'malformed', detail: 'body larger than 1000 bytes' });
  });
});

describe('the network', () => {
  it('a reset connection is a retryable network error', async () => {
    yahoo.script('AAPL', { kind: 'reset' });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({ kind: 'network', detail: expect.stringMatching(/ECONNRESET|other side closed/), retryable: true });
  });

  it('a body cut off mid-stream is a network error', async () => {
    yahoo.script('AAPL', { kind: 'truncated' });
    expect(await failureOf(fetchChart(provider, 'AAPL'))).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a refused connection is a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const nowhere = createYahooProvider({ baseUrl: `http://127.0.0.1:${port}` });
    expect(await failureOf(fetchChart(nowhere, 'AAPL'))).toMatchObject({ kind: 'network', detail: expect.stringContaining('ECONNREFUSED') });
  });

  it('an abort while Yahoo hangs rejects with the abort itself and releases the connection', async () => {
    yahoo.script('AAPL', { kind: 'hang' });
    const controller = new AbortController();
    const attempt = fetchChart(provider, 'AAPL', '1d', controller.signal);
    await vi.waitFor(() => expect(yahoo.requests).toHaveLength(1));
    const reason = new Error('attempt timed out');
    controller.abort(reason);
    await expect(attempt).rejects.toBe(reason);
    await vi.waitFor(() => expect(yahoo.requests[0]!.endedAt).not.toBeNull());
  });

  it('an abort mid-body rejects with the abort, not as a network error', async () => {
    yahoo.script('AAPL', { kind: 'good', chart: { bars: 3 } });
    const controller = new AbortController();
    const abortingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      controller.abort(); // headers are in, the body is not yet read
      return response;
    };
    const aborting = createYahooProvider({ baseUrl: yahoo.baseUrl, fetch: abortingFetch });
    await expect(fetchChart(aborting, 'AAPL', '1d', controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});
