/**
 * The live-market benchmark: the mixed load of the seven API scenarios against the built server while its
 * own updater commits new prices, next to the same load on a frozen market and on a bare node:http server.
 *
 * A figure taken only on a frozen market hides what users of a live one get: every commit retires cache
 * entries, and whatever it retires is answered by the cold path until it is cached again. So the live
 * server runs the synthetic market on a simulated trading clock (MARKET_CLOCK_START on a Monday morning, at
 * MARKET_CLOCK_SPEED times real time) and its updater is paced like a rate-limited provider feed: a batch of
 * 50 stocks (a tenth of the market) with new quotes and bars commits about every 2 s, all session long, the
 * way updates trickle in from Yahoo at its rate limit. The frozen server is the same build on the same data
 * with its updater off; the bare server replays the frozen answers byte for byte (the limit).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, post, replayableHeaders, startApi, startBare, type BareAnswer, type LoadResult, type RunningServer } from './lib/http.js';
import { pinAllThreads, pinSelf } from './lib/pin.js';
import { seedBenchMarket } from './lib/seed-market.js';
import { summarize, type Summary } from './lib/stats.js';
import { apiScenarios } from './scenarios.js';
import { cacheCounters, hitRatio, ingestCommits, sqlStatements, type CacheCounters } from './lib/server-figures.js';

export type LiveTarget = 'frozen' | 'live' | 'bare';
export const LIVE_TARGETS: LiveTarget[] = ['frozen', 'live', 'bare'];

export interface LiveTargetFigures {
  requestsPerSecond: Summary;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  /** Hit ratio of the edge cache (whole responses) over the runs; null for bare. */
  edgeHitRatio: number | null;
  /** Hit ratio of the data cache (stock, chart, search and aggregation namespaces together); null for bare. */
  dataHitRatio: number | null;
  /** Per data namespace, over the runs; empty for bare. */
  namespaces: Record<string, number | null>;
  /** SQL statements per request (Prometheus histogram sum / count over the runs); null for bare. */
  statementsPerRequest: number | null;
}

export interface LiveBenchResult {
  targets: Record<LiveTarget, LiveTargetFigures>;
  /** Updater commits (ingest batches) and stock updates during the live runs. */
  commits: number;
  stockUpdates: number;
  measuredSeconds: number;
  connections: number;
  durationSeconds: number;
  runs: number;
  bodies: number;
  /** Distinct request bodies in the mix (distinct cache entries). */
  distinctBodies: number;
  clock: { start: string; speed: number; intervalSeconds: number; providerRatePerSecond: number };
  pinned: boolean;
}

const CLOCK_START = '2026-11-30T15:00:00Z'; // Monday 10:00 in New York, the first session after the seeded data
// A simulated minute every 2 s: each batch the updater fetches sees new minute bars and a new price.
const CLOCK_SPEED = 30;
// Rounds back to back, paced by the provider rate: 25 stocks/s in batches of 50 is a commit every 2 s.
const INTERVAL_SECONDS = 1;
const PROVIDER_RATE_PER_SECOND = 25;

const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/**
 * The seven scenarios interleaved, one body of each in turn. Users look at many stocks, not one: the stock,
 * year-chart and all-charts scenarios cycle through `symbols` (as search cycles through its 100 queries),
 * so a commit that retires everything costs what it costs a real deployment, hundreds of cold entries.
 */
export function mixedBodies(symbols: readonly string[]): string[] {
  const scenarios = apiScenarios();
  const bySymbol: Record<string, (symbol: string) => string> = {
    stock: (s) => body('query Stock($s: ID!) { stock(symbol: $s) { symbol name exchange sector quote { price change changePercent volume marketCap updatedAt } } }', { s }),
    chartYear: (s) => body('query ChartYear($s: ID!) { stock(symbol: $s) { chart(range: ONE_YEAR) { interval open close changePercent points { time open high low close volume } } } }', { s }),
    chartsAll: (s) =>
      body('query ChartsAll($s: ID!) { stock(symbol: $s) { charts(ranges: [ONE_DAY, FIVE_DAYS, ONE_MONTH, SIX_MONTHS, YEAR_TO_DATE, ONE_YEAR, FIVE_YEARS, MAX]) { range interval close points { time close } } } }', { s }),
  };
  const lists = scenarios.map((scenario) => (bySymbol[scenario.name] ? symbols.map(bySymbol[scenario.name]!) : scenario.bodies));
  const longest = Math.max(...lists.map((l) => l.length));
  const bodies: string[] = [];
  for (let i = 0; i < longest; i++) for (const list of lists) bodies.push(list[i % list.length]!);
  return bodies;
}

async function largestSymbols(url: string, count: number): Promise<string[]> {
  const answer = await post(url, body(`query Largest($n: Int!) { stocks(first: $n) { nodes { symbol } } }`, { n: count }));
  return (JSON.parse(answer.text) as { data: { stocks: { nodes: { symbol: string }[] } } }).data.stocks.nodes.map((n) => n.symbol);
}

export async function runLiveBench(options: { quick: boolean; log: (line: string) => void }): Promise<LiveBenchResult> {
  const runs = options.quick ? 1 : 3;
  const durationSeconds = options.quick ? 2 : 8;
  const connections = 50;
  const dir = mkdtempSync(join(tmpdir(), 'stockql-bench-live-'));
  const servers: RunningServer[] = [];
  let pinned = false;
  try {
    const market = seedBenchMarket(dir);
    copyFileSync(market, join(dir, 'frozen.db'));
    copyFileSync(market, join(dir, 'live.db'));
    const frozen = await startApi(join(dir, 'frozen.db'), { CACHE_URL: 'memory' });
    servers.push(frozen);
    const live = await startApi(join(dir, 'live.db'), {
      CACHE_URL: 'memory',
      INGEST_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
      INGEST_RATE_PER_SECOND: String(PROVIDER_RATE_PER_SECOND),
      MARKET_CLOCK_START: CLOCK_START,
      MARKET_CLOCK_SPEED: String(CLOCK_SPEED),
    });
    servers.push(live);

    const bodies = mixedBodies(await largestSymbols(frozen.url, 100));
    const answers: Record<string, BareAnswer> = {};
    for (const body of new Set(bodies)) {
      const first = await post(frozen.url, body);
      if (first.status !== 200 || first.text.includes('"errors"')) throw new Error(`live bench: a body failed on the frozen server: ${first.text.slice(0, 300)}`);
      const repeated = await post(frozen.url, body);
      answers[body] = { text: repeated.text, headers: replayableHeaders(repeated.headers) };
      const check = await post(live.url, body);
      if (check.status !== 200 || check.text.includes('"errors"')) throw new Error(`live bench: a body failed on the live server: ${check.text.slice(0, 300)}`);
    }
    const bare = await startBare(answers, dir);
    servers.push(bare);
    pinned = pinSelf('1');
    // Every thread of a server (the updater's writes and the search index builds included) shares core 0.
    if (pinned) for (const server of servers) pinAllThreads(server, 0);

    const url: Record<LiveTarget, string> = { frozen: frozen.url, live: live.url, bare: bare.url };
    const results: Record<LiveTarget, LoadResult[]> = { frozen: [], live: [], bare: [] };
    const before = { frozen: await cacheCounters(frozen.url), live: await cacheCounters(live.url) };
    const sqlBefore = { frozen: await sqlStatements(frozen.url), live: await sqlStatements(live.url) };
    const commitsBefore = await ingestCommits(live.url);
    for (let run = 0; run < runs; run++) {
      for (let i = 0; i < LIVE_TARGETS.length; i++) {
        const target = LIVE_TARGETS[(i + run) % LIVE_TARGETS.length]!;
        results[target].push(await load(url[target], bodies, { connections, durationSeconds }));
      }
      const last = (t: LiveTarget) => Math.round(results[t].at(-1)!.requestsPerSecond);
      options.log(`live run ${run + 1}/${runs}: frozen ${last('frozen')} req/s, live ${last('live')}, bare ${last('bare')}`);
    }
    const after = { frozen: await cacheCounters(frozen.url), live: await cacheCounters(live.url) };
    const sqlAfter = { frozen: await sqlStatements(frozen.url), live: await sqlStatements(live.url) };
    const commitsAfter = await ingestCommits(live.url);

    const figures = (target: LiveTarget): LiveTargetFigures => {
      const rs = results[target];
      const median = (values: number[]) => summarize(values).median;
      const base = {
        requestsPerSecond: summarize(rs.map((r) => r.requestsPerSecond)),
        p50Ms: median(rs.map((r) => r.p50Ms)),
        p99Ms: median(rs.map((r) => r.p99Ms)),
        errors: rs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
      };
      if (target === 'bare') return { ...base, edgeHitRatio: null, dataHitRatio: null, namespaces: {}, statementsPerRequest: null };
      const delta = diffCounters(before[target], after[target]);
      const statements = sqlAfter[target].sum - sqlBefore[target].sum;
      const requests = sqlAfter[target].count - sqlBefore[target].count;
      const data = Object.entries(delta).filter(([ns]) => ns !== 'response' && ns !== 'persistedQuery');
      const dataHits = data.reduce((s, [, c]) => s + c.hits, 0);
      const dataMisses = data.reduce((s, [, c]) => s + c.misses, 0);
      return {
        ...base,
        edgeHitRatio: delta.response ? hitRatio(delta.response.hits, delta.response.misses) : null,
        dataHitRatio: hitRatio(dataHits, dataMisses),
        namespaces: Object.fromEntries(data.map(([ns, c]) => [ns, hitRatio(c.hits, c.misses)])),
        statementsPerRequest: requests > 0 ? statements / requests : null,
      };
    };
    return {
      targets: { frozen: figures('frozen'), live: figures('live'), bare: figures('bare') },
      commits: commitsAfter.batches - commitsBefore.batches,
      stockUpdates: commitsAfter.updated - commitsBefore.updated,
      measuredSeconds: runs * LIVE_TARGETS.length * durationSeconds,
      connections,
      durationSeconds,
      runs,
      bodies: bodies.length,
      distinctBodies: new Set(bodies).size,
      clock: { start: CLOCK_START, speed: CLOCK_SPEED, intervalSeconds: INTERVAL_SECONDS, providerRatePerSecond: PROVIDER_RATE_PER_SECOND },
      pinned,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
    if (pinned) pinSelf('0,1');
  }
}

function diffCounters(before: CacheCounters, after: CacheCounters): CacheCounters {
  const out: CacheCounters = {};
  for (const [ns, a] of Object.entries(after)) {
    const b = before[ns] ?? { hits: 0, misses: 0 };
    out[ns] = { hits: a.hits - b.hits, misses: a.misses - b.misses };
  }
  return out;
}
