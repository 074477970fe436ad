/**
 * Side by side with a peer: the same seeded market served by stockql and by PostGraphile 4 on the machine's
 * PostgreSQL (mirrored from the SQLite file, bench/mirror-to-postgres.ts), driven in alternation with the
 * equivalent 100-row list query with a related row (bench/lib/peer-queries.ts).
 * Targets: stockql cold ≥ 2× PostGraphile's req/s, warm ≥ 20×.
 *
 * Cores: each server stack gets CPU 0, the load generator (this process) CPU 1. stockql reads SQLite in
 * its own process, so pinning its threads pins its whole stack; PostGraphile's stack is its Node process
 * and the PostgreSQL backends serving its pool, so those are pinned too, once warm-up has opened the pool.
 *
 * Without PostgreSQL the part is skipped (`{ skipped: reason }`), never failed. With it, a database of
 * its own per run is created and always dropped, whatever happens in between.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { onInterrupt, tempDir } from './lib/cleanup.js';
import { load, post, startApi, startPostGraphile, type LoadResult, type RunningServer } from './lib/http.js';
import { assertSameRows, body, POSTGRAPHILE_QUERY, postgraphileRows, STOCKQL_QUERY, stockqlRows } from './lib/peer-queries.js';
import { pinAllThreads, pinProcess, pinSelf } from './lib/pin.js';
import { ADMIN_URL, backendPids, connectAdmin, createDatabase, databaseUrl, dropDatabase, serverOf, serverVersion } from './lib/postgres.js';
import { seedBenchMarket } from './lib/seed-market.js';
import { summarize, type Summary } from './lib/stats.js';
import { mirrorToPostgres } from './mirror-to-postgres.js';

export type PeerTarget = 'postgraphile' | 'cold' | 'warm';
export const PEER_TARGETS: PeerTarget[] = ['postgraphile', 'cold', 'warm'];
/** Minimum stockql req/s as a multiple of PostGraphile's, from the project's issue. */
export const PEER_GOALS = { cold: 2, warm: 20 } as const;

export interface PeerTargetFigures {
  requestsPerSecond: Summary;
  p50Ms: number;
  p99Ms: number;
  bytesPerResponse: number;
  errors: number;
  /** req/s over PostGraphile's in the same round, per round; null for PostGraphile itself. */
  vsPostGraphile: Summary | null;
}

export interface PeerBenchResult {
  targets: Record<PeerTarget, PeerTargetFigures>;
  queries: { stockql: string; postgraphile: string };
  versions: { postgraphile: string; postgres: string };
  mirrored: { stocks: number; sectors: number; indexes: string[] };
  /** PostgreSQL backends pinned to CPU 0 (the PostGraphile pool's connections). */
  backendsPinned: number;
  postgres: string;
  connections: number;
  durationSeconds: number;
  runs: number;
  pinned: boolean;
}

export type PeerBenchOutcome = PeerBenchResult | { skipped: string };

const packageVersion = (name: string) =>
  (JSON.parse(readFileSync(join(packageRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

export interface PeerBenchOptions {
  quick: boolean;
  log: (line: string) => void;
  /** The stockql build to measure. @default this package */
  root?: string;
}

export async function runPeerBench(options: PeerBenchOptions): Promise<PeerBenchOutcome> {
  const { root } = options;
  const admin = await connectAdmin(ADMIN_URL);
  if ('unreachable' in admin) {
    options.log(`peer: skipped: ${admin.unreachable}, and this benchmark needs it (BENCH_POSTGRES_URL names the server)`);
    return { skipped: admin.unreachable };
  }
  const runs = options.quick ? 1 : 3;
  const durationSeconds = options.quick ? 1 : 4;
  const warmUpSeconds = options.quick ? 1 : 2;
  const connections = 10;
  const database = `stockql_bench_peer_${process.pid}`;
  const temp = tempDir('stockql-bench-peer-');
  const dir = temp.path;
  const servers: RunningServer[] = [];
  let created = false;
  let pinned = false;
  // An interrupt skips `finally`: the registry (bench/run.ts installs it) drops the database then. The
  // servers register themselves (bench/lib/http.ts) and stop first, newest first.
  const unregister = onInterrupt(`the PostgreSQL database ${database}`, async () => {
    await dropDatabase(admin.client, database);
    await admin.client.end();
  });
  try {
    const postgresVersion = await serverVersion(admin.client);
    await createDatabase(admin.client, database);
    created = true;
    const market = seedBenchMarket(dir, 'market.db', root);
    copyFileSync(market, join(dir, 'cold.db'));
    copyFileSync(market, join(dir, 'warm.db'));
    const postgresUrl = databaseUrl(ADMIN_URL, database);
    const mirrored = await mirrorToPostgres(market, postgresUrl);
    options.log(`peer: mirrored ${mirrored.stocks} stocks and ${mirrored.sectors} sectors into ${database} in ${Math.round(mirrored.elapsedMs)} ms`);

    // Each server is registered as soon as it runs, so `finally` stops it even if the next one fails.
    const start = async (starting: Promise<RunningServer>) => {
      const server = await starting;
      servers.push(server);
      return server;
    };
    const started: Record<PeerTarget, RunningServer> = {
      postgraphile: await start(startPostGraphile(postgresUrl)),
      cold: await start(startApi(join(dir, 'cold.db'), { CACHE_URL: 'off' }, root)),
      warm: await start(startApi(join(dir, 'warm.db'), { CACHE_URL: 'memory' }, root)),
    };
    const bodies: Record<PeerTarget, string> = { postgraphile: body(POSTGRAPHILE_QUERY), cold: body(STOCKQL_QUERY), warm: body(STOCKQL_QUERY) };

    // The same rows from all three, or the comparison means nothing.
    const answers = {} as Record<PeerTarget, string>;
    for (const target of PEER_TARGETS) {
      const answer = await post(started[target].url, bodies[target]);
      if (answer.status !== 200) throw new Error(`peer: ${target} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
      answers[target] = answer.text;
    }
    const reference = postgraphileRows(answers.postgraphile);
    assertSameRows(reference, stockqlRows(answers.cold), 'PostGraphile and stockql (cold)');
    assertSameRows(reference, stockqlRows(answers.warm), 'PostGraphile and stockql (warm)');

    pinned = pinSelf('1');
    if (pinned) for (const server of servers) pinAllThreads(server, 0);
    // Warm-up, discarded: the same load on each, so V8 has optimized every server alike, stockql's warm
    // cache holds the answer, and PostGraphile's pool has opened its connections (whose backends are
    // pinned next). The pool keeps them (bench/lib/postgraphile-server.mjs), and any new one is pinned
    // before each PostGraphile run.
    for (const target of PEER_TARGETS) await load(started[target].url, [bodies[target]], { connections, durationSeconds: warmUpSeconds });
    const pinnedBackends = new Set<number>();
    const pinBackends = async () => {
      if (!pinned) return;
      for (const pid of await backendPids(admin.client, database)) {
        if (!pinnedBackends.has(pid) && pinProcess(pid, 0)) pinnedBackends.add(pid);
      }
    };
    await pinBackends();
    options.log(`peer: ${pinned ? `pinned the servers and ${pinnedBackends.size} PostgreSQL backends to CPU 0, autocannon to CPU 1` : 'taskset is not available: nothing is pinned'}`);

    const results: Record<PeerTarget, LoadResult[]> = { postgraphile: [], cold: [], warm: [] };
    for (let run = 0; run < runs; run++) {
      // Rotate the order every run: A B C, B C A, C A B.
      for (let i = 0; i < PEER_TARGETS.length; i++) {
        const target = PEER_TARGETS[(i + run) % PEER_TARGETS.length]!;
        if (target === 'postgraphile') await pinBackends();
        results[target].push(await load(started[target].url, [bodies[target]], { connections, durationSeconds }));
      }
      const last = (t: PeerTarget) => Math.round(results[t].at(-1)!.requestsPerSecond);
      options.log(`peer run ${run + 1}/${runs}: PostGraphile ${last('postgraphile')} req/s, stockql cold ${last('cold')}, warm ${last('warm')}`);
    }

    const median = (values: number[]) => summarize(values).median;
    const figures = (target: PeerTarget): PeerTargetFigures => ({
      requestsPerSecond: summarize(results[target].map((r) => r.requestsPerSecond)),
      p50Ms: median(results[target].map((r) => r.p50Ms)),
      p99Ms: median(results[target].map((r) => r.p99Ms)),
      bytesPerResponse: Math.round(median(results[target].map((r) => r.bytesPerResponse))),
      errors: results[target].reduce((sum, r) => sum + r.errors + r.non2xx, 0),
      vsPostGraphile:
        target === 'postgraphile' ? null : summarize(results[target].map((r, i) => r.requestsPerSecond / results.postgraphile[i]!.requestsPerSecond)),
    });
    return {
      targets: { postgraphile: figures('postgraphile'), cold: figures('cold'), warm: figures('warm') },
      queries: { stockql: STOCKQL_QUERY, postgraphile: POSTGRAPHILE_QUERY },
      versions: { postgraphile: packageVersion('postgraphile'), postgres: postgresVersion },
      mirrored: { stocks: mirrored.stocks, sectors: mirrored.sectors, indexes: mirrored.indexes },
      backendsPinned: pinnedBackends.size,
      postgres: serverOf(ADMIN_URL),
      connections,
      durationSeconds,
      runs,
      pinned,
    };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    if (created) {
      await dropDatabase(admin.client, database).catch((error: Error) => options.log(`peer: could not drop ${database}: ${error.message}`));
    }
    await admin.client.end().catch(() => undefined);
    unregister();
    temp.remove();
    if (pinned) pinSelf('0,1');
  }
}
