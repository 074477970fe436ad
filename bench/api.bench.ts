/**
 * The API scenarios over HTTP: the built server in production mode on a fresh copy of the embedded
 * market, with the cache off (cold) and on (warm), each against a bare node:http server that returns
 * the byte-identical bodies (the physical limit of this machine for those responses).
 *
 * Cores: the servers are pinned to CPU 0 and the load generator (this process) to CPU 1 where `taskset`
 * exists, so they do not steal each other's core; targets alternate run by run so drift hits all alike.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, post, replayableHeaders, startApi, startBare, type BareAnswer, type LoadResult, type RunningServer } from './lib/http.js';
import { pin, pinSelf } from './lib/pin.js';
import { seedBenchMarket } from './lib/seed-market.js';
import { summarize, type Summary } from './lib/stats.js';
import { apiScenarios } from './scenarios.js';

export type Target = 'cold' | 'warm' | 'bare';
export const TARGETS: Target[] = ['cold', 'warm', 'bare'];

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
}

export interface ApiBenchResult {
  scenarios: ScenarioFigures[];
  peakRssBytes: { cold: number; warm: number };
  connections: number;
  durationSeconds: number;
  runs: number;
  pinned: boolean;
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

export async function runApiBench(options: { quick: boolean; log: (line: string) => void }): Promise<ApiBenchResult> {
  const runs = options.quick ? 1 : 3;
  const durationSeconds = options.quick ? 1 : 4;
  const connections = 10;
  let pinned = false;
  const dir = mkdtempSync(join(tmpdir(), 'stockql-bench-api-'));
  const servers: RunningServer[] = [];
  try {
    const market = seedBenchMarket(dir);
    // Seeded before pinning would matter: the seed runs on its own, on both cores.
    copyFileSync(market, join(dir, 'cold.db'));
    copyFileSync(market, join(dir, 'warm.db'));
    const cold = await startApi(join(dir, 'cold.db'), { CACHE_URL: 'off' });
    servers.push(cold);
    const warm = await startApi(join(dir, 'warm.db'), { CACHE_URL: 'memory' });
    servers.push(warm);

    const scenarios = apiScenarios();
    const responses: Record<string, BareAnswer> = {};
    const statementCounts = new Map<string, { cold: number; warm: number }>();
    for (const scenario of scenarios) {
      let coldStatements = 0;
      let warmStatements = 0;
      for (const body of scenario.bodies) {
        const first = await post(cold.url, body);
        if (first.status !== 200 || first.text.includes('"errors"')) throw new Error(`scenario ${scenario.name} failed: ${first.text.slice(0, 300)}`);
        coldStatements += statements(first.headers);
        await post(warm.url, body);
        const repeated = await post(warm.url, body);
        warmStatements += statements(repeated.headers);
        if (repeated.text !== first.text) throw new Error(`scenario ${scenario.name}: the warm answer differs from the cold one`);
        // The bare server replays the warm response exactly: its body and its headers (Cache-Control, ETag,
        // Age, Vary, Server-Timing), so both put the same bytes on the wire.
        responses[body] = { text: repeated.text, headers: replayableHeaders(repeated.headers) };
      }
      statementCounts.set(scenario.name, { cold: coldStatements / scenario.bodies.length, warm: warmStatements / scenario.bodies.length });
    }
    const bare = await startBare(responses, dir);
    servers.push(bare);
    pinned = pinSelf('1');
    if (pinned) for (const server of servers) pin(server, 0);

    const url: Record<Target, string> = { cold: cold.url, warm: warm.url, bare: bare.url };
    const results = new Map<string, Record<Target, LoadResult[]>>();
    for (let run = 0; run < runs; run++) {
      for (const scenario of scenarios) {
        const byTarget = results.get(scenario.name) ?? { cold: [], warm: [], bare: [] };
        // Rotate the order every run: A B C, B C A, C A B.
        for (let i = 0; i < TARGETS.length; i++) {
          const target = TARGETS[(i + run) % TARGETS.length]!;
          byTarget[target].push(await load(url[target], scenario.bodies, { connections, durationSeconds }));
        }
        results.set(scenario.name, byTarget);
        const last = (t: Target) => Math.round(byTarget[t].at(-1)!.requestsPerSecond);
        options.log(`api run ${run + 1}/${runs} ${scenario.name}: cold ${last('cold')} req/s, warm ${last('warm')}, bare ${last('bare')}`);
      }
    }

    const median = (values: number[]) => summarize(values).median;
    return {
      scenarios: scenarios.map((scenario) => {
        const byTarget = results.get(scenario.name)!;
        const counts = statementCounts.get(scenario.name)!;
        const figures = (target: Target): TargetFigures => ({
          requestsPerSecond: summarize(byTarget[target].map((r) => r.requestsPerSecond)),
          p50Ms: median(byTarget[target].map((r) => r.p50Ms)),
          p99Ms: median(byTarget[target].map((r) => r.p99Ms)),
          bytesPerResponse: Math.round(median(byTarget[target].map((r) => r.bytesPerResponse))),
          statementsPerRequest: target === 'bare' ? null : counts[target],
          errors: byTarget[target].reduce((sum, r) => sum + r.errors + r.non2xx, 0),
        });
        return { name: scenario.name, description: scenario.description, targets: { cold: figures('cold'), warm: figures('warm'), bare: figures('bare') } };
      }),
      peakRssBytes: { cold: peakRss(cold), warm: peakRss(warm) },
      connections,
      durationSeconds,
      runs,
      pinned,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
    if (pinned) pinSelf('0,1');
  }
}
