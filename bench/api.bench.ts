/**
 * The API scenarios over HTTP: the built server in production mode on a fresh copy of the embedded
 * market, with the cache off (cold) and on (warm), each against a bare node:http server that returns
 * the byte-identical bodies (the physical limit of this machine for those responses).
 *
 * Cores: the servers are pinned to CPU 0 and the load generator (this process) to CPU 1 where `taskset`
 * exists, so they do not steal each other's core; targets alternate run by run so drift hits all alike.
 *
 * With a `before` build (`--before <ref>`, ./lib/before-build.ts) the baseline's cold server joins the
 * rotation, on a market its own CLI seeded: "today vs before" from the same run, same load, same core.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './lib/cleanup.js';
import { load, post, replayableHeaders, startApi, startBare, type BareAnswer, type LoadResult, type RunningServer } from './lib/http.js';
import { pin, pinSelf } from './lib/pin.js';
import { seedBenchMarket } from './lib/seed-market.js';
import { summarize, type Summary } from './lib/stats.js';
import type { BeforeBuild } from './lib/before-build.js';
import { apiScenarios } from './scenarios.js';

export type Target = 'cold' | 'warm' | 'bare';
export const TARGETS: Target[] = ['cold', 'warm', 'bare'];
/** Minimum cold req/s as a multiple of the `--before` build's, per scenario, from the project's issue. */
export const BEFORE_GOALS: Record<string, number> = { stock: 2, stocks100: 3, chartYear: 4, chartsAll: 4, search: 2 };

export interface TargetFigures {
  requestsPerSecond: Summary;
  p50Ms: number;
  p99Ms: number;
  bytesPerResponse: number;
  /** SQL statements per request (Server-Timing), averaged over the scenario's bodies; null for bare. */
  statementsPerRequest: number | null;
  errors: number;
}

export interface ScenarioFigures {
  name: string;
  description: string;
  targets: Record<Target, TargetFigures>;
  /** The `--before` build, cold, with today's cold req/s over its own in each run; absent without --before. */
  before?: (TargetFigures & { coldVsBefore: Summary; sameAnswers: boolean }) | null;
}

export interface ApiBenchResult {
  scenarios: ScenarioFigures[];
  peakRssBytes: { cold: number; warm: number };
  connections: number;
  durationSeconds: number;
  runs: number;
  pinned: boolean;
  /** The baseline build of `--before`, when there was one (absent in results older than the flag). */
  before?: { ref: string; commit: string; subject: string } | null;
}

export interface ApiBenchOptions {
  quick: boolean;
  log: (line: string) => void;
  /** The build to measure. @default this package */
  root?: string;
  /** A baseline build whose cold server runs in the same rotation. */
  before?: BeforeBuild | null;
}

function peakRss(server: RunningServer): number {
  try {
    const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

function statements(headers: Headers): number {
  return Number(/desc="(\d+) queries"/.exec(headers.get('server-timing') ?? '')?.[1] ?? NaN);
}

export async function runApiBench(options: ApiBenchOptions): Promise<ApiBenchResult> {
  const { root, before = null } = options;
  const runs = options.quick ? 1 : 3;
  const durationSeconds = options.quick ? 1 : 4;
  const connections = 10;
  let pinned = false;
  const temp = tempDir('stockql-bench-api-');
  const dir = temp.path;
  const servers: RunningServer[] = [];
  try {
    const market = seedBenchMarket(dir, 'market.db', root);
    // Seeded before pinning would matter: the seed runs on its own, on both cores.
    copyFileSync(market, join(dir, 'cold.db'));
    copyFileSync(market, join(dir, 'warm.db'));
    const cold = await startApi(join(dir, 'cold.db'), { CACHE_URL: 'off' }, root);
    servers.push(cold);
    const warm = await startApi(join(dir, 'warm.db'), { CACHE_URL: 'memory' }, root);
    servers.push(warm);
    const baseline = before ? await startApi(seedBenchMarket(dir, 'before.db', before.root), { CACHE_URL: 'off' }, before.root) : null;
    if (baseline) servers.push(baseline);

    const scenarios = apiScenarios();
    const responses: Record<string, BareAnswer> = {};
    const statementCounts = new Map<string, { cold: number; warm: number; before: number; sameAnswers: boolean }>();
    for (const scenario of scenarios) {
      let coldStatements = 0;
      let warmStatements = 0;
      let beforeStatements = 0;
      let sameAnswers = true;
      for (const body of scenario.bodies) {
        const first = await post(cold.url, body);
        if (first.status !== 200 || first.text.includes('"errors"')) throw new Error(`scenario ${scenario.name} failed: ${first.text.slice(0, 300)}`);
        coldStatements += statements(first.headers);
        if (baseline) {
          const old = await post(baseline.url, body);
          if (old.status !== 200 || old.text.includes('"errors"')) throw new Error(`scenario ${scenario.name} failed on ${before!.ref}: ${old.text.slice(0, 300)}`);
          beforeStatements += statements(old.headers);
          // Not a failure: the wave may change an answer on purpose. The report says so next to the ratio.
          sameAnswers &&= old.text === first.text;
        }
        await post(warm.url, body);
        const repeated = await post(warm.url, body);
        warmStatements += statements(repeated.headers);
        if (repeated.text !== first.text) throw new Error(`scenario ${scenario.name}: the warm answer differs from the cold one`);
        // The bare server replays the warm response exactly: its body and its headers (Cache-Control, ETag,
        // Age, Vary, Server-Timing), so both put the same bytes on the wire.
        responses[body] = { text: repeated.text, headers: replayableHeaders(repeated.headers) };
      }
      const n = scenario.bodies.length;
      statementCounts.set(scenario.name, { cold: coldStatements / n, warm: warmStatements / n, before: beforeStatements / n, sameAnswers });
      if (baseline && !sameAnswers) options.log(`api: ${scenario.name}: ${before!.ref} answers differently from today (the ratio still compares the same requests)`);
    }
    const bare = await startBare(responses, dir);
    servers.push(bare);
    pinned = pinSelf('1');
    if (pinned) for (const server of servers) pin(server, 0);

    type Measured = Target | 'before';
    const rotation: Measured[] = baseline ? [...TARGETS, 'before'] : TARGETS;
    const url: Record<Measured, string> = { cold: cold.url, warm: warm.url, bare: bare.url, before: baseline?.url ?? '' };
    const results = new Map<string, Record<Measured, LoadResult[]>>();
    for (let run = 0; run < runs; run++) {
      for (const scenario of scenarios) {
        const byTarget = results.get(scenario.name) ?? { cold: [], warm: [], bare: [], before: [] };
        // Rotate the order every run: A B C, B C A, C A B.
        for (let i = 0; i < rotation.length; i++) {
          const target = rotation[(i + run) % rotation.length]!;
          byTarget[target].push(await load(url[target], scenario.bodies, { connections, durationSeconds }));
        }
        results.set(scenario.name, byTarget);
        const last = (t: Measured) => Math.round(byTarget[t].at(-1)!.requestsPerSecond);
        options.log(
          `api run ${run + 1}/${runs} ${scenario.name}: cold ${last('cold')} req/s, warm ${last('warm')}, bare ${last('bare')}${baseline ? `, ${before!.ref} cold ${last('before')}` : ''}`,
        );
      }
    }

    const median = (values: number[]) => summarize(values).median;
    return {
      scenarios: scenarios.map((scenario) => {
        const byTarget = results.get(scenario.name)!;
        const counts = statementCounts.get(scenario.name)!;
        const figures = (target: Measured): TargetFigures => ({
          requestsPerSecond: summarize(byTarget[target].map((r) => r.requestsPerSecond)),
          p50Ms: median(byTarget[target].map((r) => r.p50Ms)),
          p99Ms: median(byTarget[target].map((r) => r.p99Ms)),
          bytesPerResponse: Math.round(median(byTarget[target].map((r) => r.bytesPerResponse))),
          statementsPerRequest: target === 'bare' ? null : counts[target],
          errors: byTarget[target].reduce((sum, r) => sum + r.errors + r.non2xx, 0),
        });
        // Per run, each ratio from two loads minutes apart at most: drift between runs cancels out.
        const coldVsBefore = () => summarize(byTarget.cold.map((r, i) => r.requestsPerSecond / byTarget.before[i]!.requestsPerSecond));
        return {
          name: scenario.name,
          description: scenario.description,
          targets: { cold: figures('cold'), warm: figures('warm'), bare: figures('bare') },
          before: baseline ? { ...figures('before'), coldVsBefore: coldVsBefore(), sameAnswers: counts.sameAnswers } : null,
        };
      }),
      peakRssBytes: { cold: peakRss(cold), warm: peakRss(warm) },
      connections,
      durationSeconds,
      runs,
      pinned,
      before: before && { ref: before.ref, commit: before.commit, subject: before.subject },
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    temp.remove();
    if (pinned) pinSelf('0,1');
  }
}
