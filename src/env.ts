/**
 * Configuration: the one module that reads process.env. Parsed once at start; every problem is reported
 * together so an operator fixes a bad deployment in one go.
 */
import { z } from 'zod';
import { DEFAULT_CACHE_NAMESPACES, DEFAULT_MAX_ENTRIES, type DefaultNamespace, type NamespaceOptions } from './cache/defaults.js';

const ttlSeconds = (namespace: DefaultNamespace) => z.coerce.number().int().min(1).default(DEFAULT_CACHE_NAMESPACES[namespace].ttlMs / 1000);

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  /** @default 4000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /** @default 127.0.0.1 in development, 0.0.0.0 in production */
  HOST: z.string().min(1).optional(),
  /** A SQLite file path. @default ./data/stockql.db */
  DATABASE_URL: z
    .string()
    .min(1)
    .default('./data/stockql.db')
    .refine((v) => !/^postgres(ql)?:\/\//.test(v), 'PostgreSQL is not supported yet: use a SQLite file path'),
  /** `memory`, `redis://…` or `off`. @default memory */
  CACHE_URL: z
    .string()
    .default('memory')
    .refine((v) => v === 'memory' || v === 'off' || /^rediss?:\/\//.test(v), 'must be memory, off or a redis:// URL'),
  /** Prepended to every Redis key, so deployments (and test runs) can share one Redis. @default stockql: */
  CACHE_KEY_PREFIX: z.string().min(1).default('stockql:'),
  /** Lifetimes of cache entries per namespace, in seconds (a commit makes entries unreachable sooner). */
  /** @default 60 (src/cache/defaults.ts) */
  CACHE_TTL_STOCK: ttlSeconds('stock'),
  /** @default 300 */
  CACHE_TTL_CHART: ttlSeconds('chart'),
  /** @default 120 */
  CACHE_TTL_SEARCH: ttlSeconds('search'),
  /** @default 600 */
  CACHE_TTL_AGGREGATION: ttlSeconds('aggregation'),
  /** @default 86400 */
  CACHE_TTL_PERSISTED_QUERY: ttlSeconds('persistedQuery'),
  /** In-memory mode: entries per namespace before the least recently used is evicted. @default 10000 */
  CACHE_MAX_ENTRIES: z.coerce.number().int().min(1).default(DEFAULT_MAX_ENTRIES),
  /** Byte budget of the whole-response (edge) cache, per process, in MiB; 0 turns it off. @default 64 */
  RESPONSE_CACHE_MB: z.coerce.number().min(0).default(64),
  /** Where market data comes from: `synthetic` (the embedded market, moving in real time) or `yahoo`. @default synthetic */
  MARKET_PROVIDER: z.enum(['synthetic', 'yahoo']).default('synthetic'),
  /** Base URL of Yahoo Finance's chart API (a proxy or a test server). @default https://query1.finance.yahoo.com */
  YAHOO_BASE_URL: z.url({ protocol: /^https?$/ }).default('https://query1.finance.yahoo.com'),
  /** Provider requests in flight at once. @default 10 */
  INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(10),
  /** Provider requests per second, retries included (never exceeded). @default 5 for yahoo, unlimited for synthetic */
  INGEST_RATE_PER_SECOND: z.coerce.number().positive().optional(),
  /** Seconds between background refreshes (in `serve` and `worker`); 0 turns the updater off in `serve`. @default 60 for synthetic, 0 for yahoo */
  INGEST_INTERVAL_SECONDS: z.coerce.number().min(0).optional(),
  /** Time allowed for one provider request, in milliseconds. @default 10000 */
  INGEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Sustained GraphQL requests per second per client address; 0 turns the limit off. @default 20 */
  RATE_LIMIT_PER_SECOND: z.coerce.number().min(0).default(20),
  /** Requests a client may send at once before the sustained rate applies. @default 100 */
  RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(100),
  /** Behind a reverse proxy that sets X-Forwarded-For: take the client address from it. @default false */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /**
   * `apq`: any operation runs, and automatic persisted queries register new ones (the manifest's are known
   * from the start); `safelist`: only the operations in src/generated/operation-manifest.json run. @default apq
   */
  PERSISTED_QUERIES: z.enum(['apq', 'safelist']).default('apq'),
  /** Requests at least this slow are logged as warnings and listed in Query.metrics.slowRequests. @default 500 */
  SLOW_REQUEST_MS: z.coerce.number().min(0).default(500),
  /** A request running more SQL statements than this is logged as a warning (the N+1 detector). @default 20 */
  SQL_STATEMENTS_WARN: z.coerce.number().int().min(1).default(20),
  /** Most an operation may cost (src/graphql/limits/cost-model.ts); dearer ones get QUERY_TOO_COMPLEX. @default 10000 */
  QUERY_MAX_COST: z.coerce.number().int().min(1).default(10_000),
  /** Deepest selection nesting an operation may have; deeper ones get QUERY_TOO_DEEP. @default 10 */
  QUERY_MAX_DEPTH: z.coerce.number().int().min(1).default(10),
  /**
   * What executes operations: `jit` compiles each query once with graphql-jit (responses identical to
   * graphql-js, which still runs whatever jit cannot match: src/graphql/executor/); `graphql-js` is Apollo's
   * own execution. @default jit
   */
  GRAPHQL_EXECUTOR: z.enum(['jit', 'graphql-js']).default('jit'),
  /** @default development */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** @default info */
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** Seed of the embedded synthetic market. @default 42 */
  MARKET_SEED: z.coerce.number().int().default(42),
  /**
   * Synthetic market only: the simulated time when the process starts (ISO 8601 with a zone, e.g.
   * `2026-11-25T15:00:00Z`), so the market trades on a weekend or at night (demos, benchmarks). @default unset (real time)
   */
  MARKET_CLOCK_START: z
    .string()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) && Number.isFinite(Date.parse(v)), 'must be an ISO 8601 time with a zone, e.g. 2026-11-25T15:00:00Z')
    .optional(),
  /** Synthetic market only: simulated seconds per real second (from MARKET_CLOCK_START, or from now). @default 1 */
  MARKET_CLOCK_SPEED: z.coerce.number().positive().max(86_400).default(1),
});

export type Env = {
  port: number;
  host: string;
  databasePath: string;
  cacheUrl: string;
  cacheKeyPrefix: string;
  /** TTLs in milliseconds and the in-memory bound, per cache namespace. */
  cacheNamespaces: Record<DefaultNamespace, NamespaceOptions>;
  /** 0 when the whole-response cache is off. */
  responseCacheBytes: number;
  ingest: {
    provider: 'synthetic' | 'yahoo';
    yahooBaseUrl: string;
    concurrency: number;
    /** Null: the provider's own default. */
    ratePerSecond: number | null;
    /** 0: no background updater in `serve`. */
    intervalSeconds: number;
    timeoutMs: number;
    /** Null: the synthetic market trades in real time. */
    marketClock: MarketClockSettings | null;
  };
  queryLimits: { maxCost: number; maxDepth: number };
  graphqlExecutor: 'jit' | 'graphql-js';
  persistedQueries: 'apq' | 'safelist';
  rateLimit: { ratePerSecond: number; burst: number; trustProxy: boolean };
  observability: { slowRequestMs: number; statementWarnThreshold: number };
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  logLevel: (typeof logLevels)[number];
  marketSeed: number;
};

/** A simulated clock for the synthetic market: `startMs` when the process starts, running `speed` times real time. */
export interface MarketClockSettings {
  startMs: number;
  speed: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (process.env by default); throws a ConfigError that lists every problem. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // Empty strings mean "unset" (a common artefact of templated deployments).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(source[String(issue.path[0])])})`),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST ?? (e.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
    databasePath: e.DATABASE_URL.replace(/^(sqlite|file):(\/\/)?/, ''),
    cacheUrl: e.CACHE_URL,
    cacheKeyPrefix: e.CACHE_KEY_PREFIX,
    cacheNamespaces: {
      stock: { ttlMs: e.CACHE_TTL_STOCK * 1000, maxEntries: e.CACHE_MAX_ENTRIES },
      chart: { ttlMs: e.CACHE_TTL_CHART * 1000, maxEntries: e.CACHE_MAX_ENTRIES },
      search: { ttlMs: e.CACHE_TTL_SEARCH * 1000, maxEntries: e.CACHE_MAX_ENTRIES },
      aggregation: { ttlMs: e.CACHE_TTL_AGGREGATION * 1000, maxEntries: e.CACHE_MAX_ENTRIES },
      persistedQuery: { ttlMs: e.CACHE_TTL_PERSISTED_QUERY * 1000, maxEntries: e.CACHE_MAX_ENTRIES },
    },
    responseCacheBytes: Math.round(e.RESPONSE_CACHE_MB * 1024 * 1024),
    ingest: {
      provider: e.MARKET_PROVIDER,
      yahooBaseUrl: e.YAHOO_BASE_URL,
      concurrency: e.INGEST_CONCURRENCY,
      ratePerSecond: e.INGEST_RATE_PER_SECOND ?? null,
      // The synthetic market costs nothing to refresh; Yahoo is opt-in, as it spends someone's quota.
      intervalSeconds: e.INGEST_INTERVAL_SECONDS ?? (e.MARKET_PROVIDER === 'synthetic' ? 60 : 0),
      timeoutMs: e.INGEST_TIMEOUT_MS,
      marketClock:
        e.MARKET_CLOCK_START === undefined && e.MARKET_CLOCK_SPEED === 1
          ? null
          : { startMs: e.MARKET_CLOCK_START === undefined ? Date.now() : Date.parse(e.MARKET_CLOCK_START), speed: e.MARKET_CLOCK_SPEED },
    },
    queryLimits: { maxCost: e.QUERY_MAX_COST, maxDepth: e.QUERY_MAX_DEPTH },
    graphqlExecutor: e.GRAPHQL_EXECUTOR,
    persistedQueries: e.PERSISTED_QUERIES,
    observability: { slowRequestMs: e.SLOW_REQUEST_MS, statementWarnThreshold: e.SQL_STATEMENTS_WARN },
    rateLimit: { ratePerSecond: e.RATE_LIMIT_PER_SECOND, burst: e.RATE_LIMIT_BURST, trustProxy: e.TRUST_PROXY === 'true' },
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    logLevel: e.LOG_LEVEL,
    marketSeed: e.MARKET_SEED,
  };
}
