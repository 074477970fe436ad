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
 *
 * Only the server being measured runs: a live server is paused (SIGSTOP) while another is measured, or its
 * updater would keep committing on the servers' core and slow the frozen server down, flattering the
 * ratio. Every target gets a discarded warm-up load first, so V8 has optimized each alike.
 *
 * With a `before` build (`--before <ref>`) a frozen and a live server of that build join the rotation, each
 * on a market its own CLI seeded, so the report can set today's live figures against the baseline's.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BeforeBuild } from './lib/before-build.js';
import { tempDir } from './lib/cleanup.js';
import { load, post, replayableHeaders, startApi, startBare, type BareAnswer, type LoadResult, type RunningServer } from './lib/http.js';
import { pinAllThreads, pinSelf } from './lib/pin.js';
import { seedBenchMarket } from './lib/seed-market.js';
import { summarize, type Summary } from './lib/stats.js';
import { apiScenarios } from './scenarios.js';
import { diffCounters, hitRatio, snapshot, type Snapshot } from './lib/server-figures.js';
import { updaterSwitch } from './lib/updater-switch.js';

export type LiveTarget = 'frozen' | 'live' | 'bare';
export const LIVE_TARGETS: LiveTarget[] = ['frozen', 'live', 'bare'];
/** Minimum live req/s as a multiple of frozen req/s, from the project's issue. */
export const LIVE_GOAL = 0.5;

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

/**
 * What one build's updater did since its server started (warm-up and measured runs included): commits
 * (ingest batches) and stock updates, and the seconds the server ran (it is paused while others run).
 */
export interface LiveCommits {
  commits: number;
  stockUpdates: number;
  runningSeconds: number;
}

export interface LiveBenchResult extends LiveCommits {
  targets: Record<LiveTarget, LiveTargetFigures>;
  /** Live req/s over frozen req/s, per run (the target: ≥ LIVE_GOAL). */
  liveVsFrozen: Summary;
  /** The `--before` build's frozen and live servers in the same rotation; absent without --before. */
  before?: {
    ref: string;
    commit: string;
    subject: string;
    targets: { frozen: LiveTargetFigures; live: LiveTargetFigures };
    liveVsFrozen: Summary;
    /** Today's req/s over the baseline's, per run. */
    todayVsBefore: { frozen: Summary; live: Summary };
  } & LiveCommits;
  connections: number;
  durationSeconds: number;
  runs: number;
  bodies: number;
  /** Distinct request bodies in the mix (distinct cache entries). */
  distinctBodies: number;
  clock: { start: string; speed: number; intervalSeconds: number; providerRatePerSecond: number };
  pinned: boolean;
}

export interface LiveBenchOptions {
  quick: boolean;
  log: (line: string) => void;
  /** The build to measure. @default this package */
  root?: string;
  before?: BeforeBuild | null;
}

const CLOCK_START = '2026-11-30T15:00:00Z'; // Monday 10:00 in New York, the first session after the seeded data
// A simulated minute every 2 s: each batch the updater fetches sees new minute bars and a new price.
const CLOCK_SPEED = 30;
// Rounds back to back, paced by the provider rate: 25 stocks/s in batches of 50 is a commit every 2 s.
const INTERVAL_SECONDS = 1;
const PROVIDER_RATE_PER_SECOND = 25;
const LIVE_ENV = {
  CACHE_URL: 'memory',
  INGEST_INTERVAL_SECONDS: String(INTERVAL_SECONDS),
  INGEST_RATE_PER_SECOND: String(PROVIDER_RATE_PER_SECOND),
  MARKET_CLOCK_START: CLOCK_START,
  MARKET_CLOCK_SPEED: String(CLOCK_SPEED),
};

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

type Measured = LiveTarget | 'beforeFrozen' | 'beforeLive';

/** A frozen and a live server of one build, each on its own copy of a market that build seeded. */
async function startPair(dir: string, name: string, root: string | undefined, servers: RunningServer[]) {
  const market = seedBenchMarket(dir, `${name}.db`, root);
  copyFileSync(market, join(dir, `${name}-frozen.db`));
  copyFileSync(market, join(dir, `${name}-live.db`));
  // Both at once (each start builds a search index on a core of its own); each is registered for `finally`
  // as soon as it runs, even if the other fails.
  const start = (file: string, env: Record<string, string>) => startApi(join(dir, file), env, root).then((s) => (servers.push(s), s));
  const [frozen, live] = await Promise.all([start(`${name}-frozen.db`, { CACHE_URL: 'memory' }), start(`${name}-live.db`, LIVE_ENV)]);
  return { frozen, live };
}

/** Asks every distinct body once (twice on a frozen server, whose second answer the bare server replays). */
async function prewarm(server: RunningServer, bodies: Set<string>, what: string, answers?: Record<string, BareAnswer>): Promise<void> {
  for (const body of bodies) {
    let answer = await post(server.url, body);
    if (answer.status !== 200 || answer.text.includes('"errors"')) throw new Error(`live bench: a body failed on ${what}: ${answer.text.slice(0, 300)}`);
    if (answers) {
      answer = await post(server.url, body);
      answers[body] = { text: answer.text, headers: replayableHeaders(answer.headers) };
    }
  }
}

export async function runLiveBench(options: LiveBenchOptions): Promise<LiveBenchResult> {
  const { root, before = null } = options;
  const runs = options.quick ? 1 : 3;
  const durationSeconds = options.quick ? 2 : 8;
  const warmUpSeconds = options.quick ? 1 : 2;
  const connections = 50;
  const temp = tempDir('stockql-bench-live-');
  const dir = temp.path;
  const servers: RunningServer[] = [];
  let pinned = false;
  try {
    const today = await startPair(dir, 'today', root, servers);
    const baseline = before ? await startPair(dir, 'before', before.root, servers) : null;
    const updaters = updaterSwitch([today.live, ...(baseline ? [baseline.live] : [])]);
    const bodies = mixedBodies(await largestSymbols(today.frozen.url, 100));
    const distinct = new Set(bodies);
    const answers: Record<string, BareAnswer> = {};
    // Each server is a process of its own, not pinned yet: warming them at once uses both cores.
    await Promise.all([
      prewarm(today.frozen, distinct, 'the frozen server', answers),
      prewarm(today.live, distinct, 'the live server'),
      ...(baseline ? [prewarm(baseline.frozen, distinct, `the frozen server of ${before!.ref}`), prewarm(baseline.live, distinct, `the live server of ${before!.ref}`)] : []),
    ]);
    options.log(`live: ${distinct.size} distinct requests answered by every server, ${bodies.length} in the mix`);
    const bare = await startBare(answers, dir);
    servers.push(bare);
    pinned = pinSelf('1');
    // Every thread of a server (the updater's writes and the search index builds included) shares core 0.
    if (pinned) for (const server of servers) pinAllThreads(server, 0);

    const target: Partial<Record<Measured, RunningServer>> = { frozen: today.frozen, live: today.live, bare };
    if (baseline) Object.assign(target, { beforeFrozen: baseline.frozen, beforeLive: baseline.live });
    const rotation = Object.keys(target) as Measured[];
    // Only the measured server runs; the live ones are paused otherwise (see the top of this file).
    const measure = async (t: Measured, seconds: number) => {
      updaters.only(target[t]);
      return load(target[t]!.url, bodies, { connections, durationSeconds: seconds });
    };
    for (const t of rotation) await measure(t, warmUpSeconds);

    const results: Record<Measured, LoadResult[]> = { frozen: [], live: [], bare: [], beforeFrozen: [], beforeLive: [] };
    const apis = rotation.filter((t) => t !== 'bare');
    updaters.only(); // a paused server answers no metrics query
    const first = new Map<Measured, Snapshot>();
    for (const t of apis) first.set(t, await snapshot(target[t]!));
    for (let run = 0; run < runs; run++) {
      // Rotate the order every run: A B C, B C A, C A B.
      for (let i = 0; i < rotation.length; i++) {
        const t = rotation[(i + run) % rotation.length]!;
        results[t].push(await measure(t, durationSeconds));
      }
      const last = (t: Measured) => Math.round(results[t].at(-1)!.requestsPerSecond);
      const old = baseline ? `; ${before!.ref}: frozen ${last('beforeFrozen')}, live ${last('beforeLive')}` : '';
      options.log(`live run ${run + 1}/${runs}: frozen ${last('frozen')} req/s, live ${last('live')}, bare ${last('bare')}${old}`);
    }
    updaters.only();
    const final = new Map<Measured, Snapshot>();
    for (const t of apis) final.set(t, await snapshot(target[t]!));

    const figures = (t: Measured) => targetFigures(results[t], first.get(t), final.get(t));
    // Per run, from two loads a few seconds apart: drift between runs cancels out.
    const ratio = (a: Measured, b: Measured) => summarize(results[a].map((r, i) => r.requestsPerSecond / results[b][i]!.requestsPerSecond));
    // Since the server started: /metrics counts a round's commits when the round ends (every ~20 s of
    // running at the provider's pace), so the few seconds of the measured runs alone would often show none.
    const commitsOf = (t: Measured): LiveCommits => ({
      commits: final.get(t)!.ingest.batches,
      stockUpdates: final.get(t)!.ingest.updated,
      runningSeconds: updaters.runningSeconds(target[t]!),
    });
    return {
      targets: { frozen: figures('frozen'), live: figures('live'), bare: figures('bare') },
      liveVsFrozen: ratio('live', 'frozen'),
      ...commitsOf('live'),
      ...(before && {
        before: {
          ref: before.ref,
          commit: before.commit,
          subject: before.subject,
          targets: { frozen: figures('beforeFrozen'), live: figures('beforeLive') },
          liveVsFrozen: ratio('beforeLive', 'beforeFrozen'),
          todayVsBefore: { frozen: ratio('frozen', 'beforeFrozen'), live: ratio('live', 'beforeLive') },
          ...commitsOf('beforeLive'),
        },
      }),
      connections,
      durationSeconds,
      runs,
      bodies: bodies.length,
      distinctBodies: distinct.size,
      clock: { start: CLOCK_START, speed: CLOCK_SPEED, intervalSeconds: INTERVAL_SECONDS, providerRatePerSecond: PROVIDER_RATE_PER_SECOND },
      pinned,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    temp.remove();
    if (pinned) pinSelf('0,1');
  }
}

/** Figures of one target from its loads and the server's counters before and after them (none for bare). */
function targetFigures(rs: LoadResult[], first: Snapshot | undefined, final: Snapshot | undefined): LiveTargetFigures {
  const median = (values: number[]) => summarize(values).median;
  const base = {
    requestsPerSecond: summarize(rs.map((r) => r.requestsPerSecond)),
    p50Ms: median(rs.map((r) => r.p50Ms)),
    p99Ms: median(rs.map((r) => r.p99Ms)),
    errors: rs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
  };
  if (!first || !final) return { ...base, edgeHitRatio: null, dataHitRatio: null, namespaces: {}, statementsPerRequest: null };
  const delta = diffCounters(first.cache, final.cache);
  const statements = final.sql.sum - first.sql.sum;
  const requests = final.sql.count - first.sql.count;
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
}
