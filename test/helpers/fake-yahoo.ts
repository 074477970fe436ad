/**
 * A fake Yahoo Finance chart API on a real loopback socket, for tests and the ingest benchmark. Each
 * symbol answers from a script (good charts, 429s, resets, hangs, broken JSON…) so a test can stage
 * exactly the hostile sequence it is about, and the server records what it saw — every request, the
 * most in flight at once, the densest burst — so pacing and concurrency limits are asserted from the
 * server's side of the wire, where they matter.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { INTERVAL_SECONDS, type BarInterval } from '../../src/modules/market/ingest/provider.js';
import { hashSeed, uniformAt } from '../../src/modules/market/synthetic/random.js';

export interface GoodChartOptions {
  /** How many bars. @default 30 */
  bars?: number;
  /** Yahoo's `dataGranularity`; also the spacing of the bars (a day when not one we store). @default '1d' */
  interval?: string;
  /** `meta.range`. @default '1mo' */
  range?: string;
  /** The first bar's open and the previous close; later prices wander a percent around it. @default 100 */
  price?: number;
  /** Unix seconds of the first bar. @default 1795789800 (2026-11-27 09:30 New York) */
  startTime?: number;
  /** Bars sent as all-null (minutes in which nothing traded), by index. @default [] */
  nullBars?: number[];
}

type Series = (number | null)[];

/** Yahoo's chart JSON, typed concretely so a test can break one field of a good chart. */
export interface FakeChartBody {
  chart: {
    result: Array<{
      meta: Record<string, unknown> & { symbol: string; regularMarketPrice: number; regularMarketTime: number };
      timestamp?: number[];
      indicators: { quote: Array<{ open?: Series; high?: Series; low?: Series; close?: Series; volume?: Series }> };
    }>;
    error: null;
  };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A valid Yahoo chart: prices in cents, each bar opening at the previous close, meta agreeing with the bars. */
export function goodChart(symbol: string, options: GoodChartOptions = {}): FakeChartBody {
  const { bars = 30, interval = '1d', range = '1mo', price = 100, startTime = 1_795_789_800, nullBars = [] } = options;
  const step = INTERVAL_SECONDS[interval as BarInterval] ?? 86_400;
  const quote = { open: [] as Series, high: [] as Series, low: [] as Series, close: [] as Series, volume: [] as Series };
  const timestamp: number[] = [];
  let last = price;
  for (let i = 0; i < bars; i++) {
    timestamp.push(startTime + i * step);
    const empty = nullBars.includes(i);
    const close = round2(price * (1 + 0.01 * Math.sin(i / 3)));
    quote.open.push(empty ? null : last);
    quote.high.push(empty ? null : round2(Math.max(last, close) * 1.002));
    quote.low.push(empty ? null : round2(Math.min(last, close) * 0.998));
    quote.close.push(empty ? null : close);
    quote.volume.push(empty ? null : 1000 + 10 * i);
    if (!empty) last = close;
  }
  const prices = [...quote.high, ...quote.low].filter((x): x is number => x !== null);
  const meta = {
    symbol,
    currency: 'USD',
    exchangeName: 'NMS',
    instrumentType: 'EQUITY',
    regularMarketPrice: last,
    regularMarketTime: timestamp.at(-1) ?? startTime,
    regularMarketDayHigh: prices.length ? Math.max(...prices) : price,
    regularMarketDayLow: prices.length ? Math.min(...prices) : price,
    regularMarketVolume: 1000 * bars,
    chartPreviousClose: price,
    previousClose: price,
    dataGranularity: interval,
    range,
  };
  // With no bars Yahoo leaves out `timestamp` and sends one empty quote object.
  const result = bars ? { meta, timestamp, indicators: { quote: [quote] } } : { meta, indicators: { quote: [{}] } };
  return { chart: { result: [result], error: null } };
}

/** One scripted answer. `latencyMs` delays it (overrides the server-wide latency). */
export type FakeAnswer = { latencyMs?: number } & (
  | { kind: 'good'; chart?: GoodChartOptions }
  /** 429 (with or without Retry-After), 500, 503…; the body defaults to the status text, as Yahoo's 429 does. */
  | { kind: 'status'; status: number; body?: string; retryAfter?: string }
  /** Destroy the socket with a TCP reset, without answering. */
  | { kind: 'reset' }
  /** 200 with a good chart's headers and half its body, then a dropped connection. */
  | { kind: 'truncated' }
  /** Never answer; the socket stays open until the client gives up or the server closes. */
  | { kind: 'hang' }
  /** 200 with this body as application/json: broken JSON, plain text, an HTML page. */
  | { kind: 'malformed'; body: string }
  /** Yahoo's answer for an unknown symbol; Yahoo sends it with 404. */
  | { kind: 'chart-error'; code: string; description: string; status?: number }
  /** Any JSON: NaN/null/negative prices, a wrong symbol, unordered timestamps. */
  | { kind: 'custom'; json: unknown; status?: number }
);

export interface FakeRequest {
  /** The symbol as it arrived in the path, URL-decoded. */
  symbol: string;
  range: string;
  interval: string;
  userAgent: string | undefined;
  /** `now()` when the request arrived. */
  startedAt: number;
  /** `now()` when the response ended or its socket closed; null while in flight. */
  endedAt: number | null;
  /** The answer it got (`transient-503` for an injected failure). */
  answered: FakeAnswer['kind'] | 'transient-503';
}

export interface FakeYahooOptions {
  /** Delay before every answer that does not set its own. @default 0 */
  latencyMs?: number;
  /** Share of requests (0–1) answered 503 before the script is consulted (a script is not consumed). @default 0 */
  transientFailureRate?: number;
  /** Seed for which requests fail transiently: request n fails the same way in every run. @default 1 */
  seed?: number;
  /** Clock for `startedAt`/`endedAt`, in milliseconds. @default performance.now */
  now?: () => number;
}

export interface FakeYahoo {
  /** `http://127.0.0.1:<port>`, for `createYahooProvider({ baseUrl })`. */
  baseUrl: string;
  /** What a symbol answers; a list is consumed one per request (the last repeats). Replaces an earlier script. */
  script(symbol: string, ...answers: FakeAnswer[]): void;
  /** Every chart request, in arrival order. Unscripted symbols answer `goodChart(symbol)` at the asked interval. */
  readonly requests: readonly FakeRequest[];
  /** Requests for one symbol (case-insensitive). */
  requestsFor(symbol: string): FakeRequest[];
  /** Most requests in flight at once, as the server saw them. */
  readonly maxConcurrent: number;
  /** Most request starts within any half-open window [t, t + ms). */
  maxInAnyWindow(ms: number): number;
  /** Forgets scripts and recorded requests, for a server shared across tests. */
  reset(): void;
  /** Stops listening and destroys open sockets (hanging responses included). */
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
}

export async function startFakeYahoo(options: FakeYahooOptions = {}): Promise<FakeYahoo> {
  const now = options.now ?? (() => performance.now());
  const failureKey = hashSeed(options.seed ?? 1);
  const scripts = new Map<string, FakeAnswer[]>();
  const requests: FakeRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let inFlight = 0;
  let maxConcurrent = 0;

  function nextAnswer(symbol: string): FakeAnswer {
    const queue = scripts.get(symbol.toUpperCase());
    if (!queue?.length) return { kind: 'good' };
    return queue.length > 1 ? queue.shift()! : queue[0]!;
  }

  function answer(req: IncomingMessage, res: ServerResponse, record: FakeRequest, answer: FakeAnswer): void {
    const chartOptions = { interval: record.interval, range: record.range };
    switch (answer.kind) {
      case 'good':
        return json(res, 200, goodChart(record.symbol, { ...chartOptions, ...answer.chart }));
      case 'status': {
        const body = answer.body ?? STATUS_CODES[answer.status] ?? 'Error';
        const type = body.trimStart().startsWith('{') ? 'application/json;charset=utf-8' : 'text/plain;charset=utf-8';
        const headers: Record<string, string> = { 'content-type': type };
        if (answer.retryAfter !== undefined) headers['retry-after'] = answer.retryAfter;
        res.writeHead(answer.status, headers).end(body);
        return;
      }
      case 'reset':
        req.socket.resetAndDestroy();
        return;
      case 'truncated': {
        const body = JSON.stringify(goodChart(record.symbol, chartOptions));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
        res.write(body.slice(0, body.length >> 1), () => req.socket.destroy());
        return;
      }
      case 'hang':
        return;
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' }).end(answer.body);
        return;
      case 'chart-error': {
        const { code, description } = answer;
        return json(res, answer.status ?? 404, { chart: { result: null, error: { code, description } } });
      }
      case 'custom':
        return json(res, answer.status ?? 200, answer.json);
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-yahoo');
    const match = /^\/v8\/finance\/chart\/([^/]+)$/.exec(url.pathname);
    if (req.method !== 'GET' || !match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route for ${req.method} ${url.pathname}`);
      return;
    }
    const transient = uniformAt(failureKey, requests.length) < (options.transientFailureRate ?? 0);
    const symbol = decodeURIComponent(match[1]!);
    const scripted: FakeAnswer = transient ? { kind: 'status', status: 503 } : nextAnswer(symbol);
    const record: FakeRequest = {
      symbol,
      range: url.searchParams.get('range') ?? '',
      interval: url.searchParams.get('interval') ?? '',
      userAgent: req.headers['user-agent'],
      startedAt: now(),
      endedAt: null,
      answered: transient ? 'transient-503' : scripted.kind,
    };
    requests.push(record);
    maxConcurrent = Math.max(maxConcurrent, ++inFlight);
    // 'close' follows a finished response and a destroyed socket alike: one place to end the record.
    res.on('close', () => {
      record.endedAt = now();
      inFlight--;
    });
    const latency = scripted.latencyMs ?? options.latencyMs ?? 0;
    if (latency <= 0) return answer(req, res, record, scripted);
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!res.destroyed) answer(req, res, record, scripted);
    }, latency);
    timers.add(timer);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    script(symbol, ...answers) {
      scripts.set(symbol.toUpperCase(), answers);
    },
    requests,
    requestsFor: (symbol) => requests.filter((r) => r.symbol.toUpperCase() === symbol.toUpperCase()),
    get maxConcurrent() {
      return maxConcurrent;
    },
    maxInAnyWindow(ms) {
      const starts = requests.map((r) => r.startedAt).sort((a, b) => a - b);
      let most = 0;
      for (let first = 0, last = 0; last < starts.length; last++) {
        while (starts[last]! - starts[first]! >= ms) first++;
        most = Math.max(most, last - first + 1);
      }
      return most;
    },
    reset() {
      scripts.clear();
      requests.length = 0;
      maxConcurrent = inFlight;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}
