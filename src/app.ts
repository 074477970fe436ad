/**
 * createApp: everything the API process needs, wired together but not yet listening.
 * Opening is ordered so /readyz tells the truth: database open → migrations → seed when empty → Apollo.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCache, NamespaceKeyValueCache } from './cache/index.js';
import { cacheMetricsSource } from './cache-metrics.js';
import { BUSY_TIMEOUT_MS, openDatabase, type DatabaseHandle } from './db/connection.js';
import { applyMigrations, migrationsApplied } from './db/migrate.js';
import type { Env } from './env.js';
import { createApollo } from './graphql/apollo.js';
import { loadOperationManifest } from './graphql/safelist/operation-manifest.js';
import { createContext } from './graphql/context.js';
import { EdgeCache } from './http/edge/edge-cache.js';
import { createRateLimiter } from './http/rate-limit/rate-limiter.js';
import { createHttpServer } from './http/server.js';
import type { Logger } from './logger.js';
import type { RequestCounters } from './modules/metrics/metrics.service.js';
import { seedEmbeddedMarket, type SeedProgress } from './modules/market/seed-market.js';
import { createUpdater } from './modules/market/ingest/create-provider.js';
import type { Updater } from './modules/market/ingest/updater.js';
import { OperationStats } from './observability/operation-stats.js';
import { createPrometheus } from './observability/prometheus.js';
import { createRequestObserver } from './observability/request-observer.js';
import { createServices, type Services } from './services.js';

export interface App {
  server: Server;
  database: DatabaseHandle;
  services: Services;
  /** The background ingest updater; null when `INGEST_INTERVAL_SECONDS` is 0. */
  updater: Updater | null;
  /** Starts listening on env.port/env.host (port 0 picks a free port); resolves with the URL. */
  listen(): Promise<{ port: number; url: string }>;
  /** Stops accepting connections, lets in-flight requests finish, stops the updater after its current batch, then closes Apollo, the cache and the database. */
  close(): Promise<void>;
}

export interface CreateAppOptions {
  logger: Logger;
  /** Progress of the first-start seeding, if it happens. */
  onSeedProgress?: SeedProgress;
}

export async function createApp(env: Env, { logger, onSeedProgress }: CreateAppOptions): Promise<App> {
  const database = openDatabase(env.databasePath);
  let stopSearchIndex = () => {};
  let closeCache = async () => {};
  try {
    applyMigrations(database);
    const counters: RequestCounters = { requests: 0, errors: 0 };
    // 250 ms bounds how long a request can wait on a slow or vanished Redis before it is served without it.
    const cache = createCache({ url: env.cacheUrl, keyPrefix: env.cacheKeyPrefix, namespaces: env.cacheNamespaces, operationTimeoutMs: 250, logger });
    closeCache = () => cache.close();
    let edge: EdgeCache | null = null;
    const cacheMetrics = cacheMetricsSource(cache, () => edge);
    const operations = new OperationStats({ slowRequestMs: env.observability.slowRequestMs });
    const services = createServices(database, counters, logger, cacheMetrics, operations);
    // `CACHE_URL=off` means no caching at any level: the benchmarks' cold path.
    if (cache.mode !== 'off' && env.responseCacheBytes > 0) edge = new EdgeCache({ maxBytes: env.responseCacheBytes, versions: services.versions });
    stopSearchIndex = () => services.searchIndex.stop();
    if ((await services.stores.market.listedSymbols()).size === 0) {
      logger.info('database has no stocks: seeding the embedded market', { database: env.databasePath });
      // Another process may be seeding the same file right now: wait for its transaction, however long.
      database.sqlite.pragma('busy_timeout = 120000');
      const summary = await seedEmbeddedMarket(services.stores.market, { seed: env.marketSeed, onProgress: onSeedProgress, onlyIfEmpty: true });
      database.sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      if (summary.stocks > 0) logger.info('seeded the embedded market', { ...summary });
      else logger.info('another process seeded the database first; using its data');
    }
    // Ready means searchable: the first index is built before the server listens.
    await services.searchIndex.rebuild();
    services.searchIndex.watch();
    // Not ready in time is not fatal: calls miss until Redis answers, and the client keeps reconnecting.
    if (!(await cache.ready())) logger.warn('cache not reachable yet; serving without it until it is', { cache: cache.mode });
    const operationManifest = loadOperationManifest();
    const prometheus = createPrometheus({
      counters,
      cache: cacheMetrics,
      searchIndex: () => {
        const snapshot = services.searchIndex.current();
        return snapshot ? { documents: snapshot.rows.length, buildSeconds: snapshot.buildMs / 1000 } : null;
      },
      knownOperations: new Set(operationManifest.operations.map((operation) => operation.name)),
    });
    const logRequest = createRequestObserver({ logger, stats: operations, statementWarnThreshold: env.observability.statementWarnThreshold });
    const apollo = createApollo({
      isProduction: env.isProduction,
      persistedQueryCache: new NamespaceKeyValueCache(cache.namespaces.persistedQuery),
      logger,
      counters,
      queryLimits: env.queryLimits,
      executor: env.graphqlExecutor,
      persistedQueries: env.persistedQueries,
      operationManifest,
    });
    await apollo.start();
    const server = createHttpServer({
      apollo,
      createContext: (recorder, caching, requestId) => createContext(services, cache, recorder, caching, requestId),
      versions: services.versions,
      edge,
      counters,
      logger,
      readiness: [
        { name: 'database', check: () => database.sqlite.open },
        { name: 'migrations', check: () => migrationsApplied(database) },
        { name: 'searchIndex', check: () => services.searchIndex.current() !== null },
        // Without Redis every request is answered from SQLite: slower, but served, so still ready.
        { name: 'cache', check: () => cache.reachable(), required: false },
      ],
      metrics: prometheus,
      observe: (observation) => {
        logRequest(observation);
        prometheus.observeRequest(observation);
      },
      rateLimiter: createRateLimiter({ ...env.rateLimit, shared: cache, sharedMode: cache.mode === 'redis' }),
    });
    // Writes through this process's own market store, so its commits retire cache entries at once.
    const updater =
      env.ingest.intervalSeconds > 0
        ? createUpdater({ ...env.ingest, marketSeed: env.marketSeed }, services.stores, {
            logger,
            sharedLease: cache,
            afterCommit: () => services.searchIndex.refreshIfStale(),
            onRun: (_range, summary) => prometheus.observeIngest(summary),
          })
        : null;

    return {
      server,
      database,
      services,
      updater,
      listen: () =>
        new Promise((resolve, reject) => {
          server.once('error', reject);
          server.listen(env.port, env.host, () => {
            updater?.start();
            const { port } = server.address() as AddressInfo;
            const host = env.host.includes(':') ? `[${env.host}]` : env.host;
            resolve({ port, url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/graphql` });
          });
        }),
      close: async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await updater?.stop();
        services.searchIndex.stop();
        await apollo.stop();
        await cache.close();
        database.close();
      },
    };
  } catch (error) {
    stopSearchIndex();
    await closeCache();
    database.close();
    throw error;
  }
}
