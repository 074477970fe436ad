/**
 * The HTTP server: routes /graphql, /healthz, /readyz and /metrics on plain node:http.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import type { GraphQLHandlerOptions } from './graphql-handler.js';
import type { RateLimiter, RateVerdict } from './rate-limit/rate-limiter.js';
import { refusalTiming } from './server-timing.js';
import { performance } from 'node:perf_hooks';
import { createGraphQLHandler } from './graphql-handler.js';
import { sendGraphQLError, sendJson, sendText } from './respond.js';
import { ErrorCode } from '../graphql/errors.js';

export interface ReadinessCheck {
  name: string;
  check(): boolean;
  /**
   * False for a dependency the server works without (the cache): when it fails the server is still
   * ready, and /readyz lists it under `degraded`.
   * @default true
   */
  required?: boolean;
}

export interface HttpServerOptions extends GraphQLHandlerOptions {
  logger: Logger;
  readiness: ReadinessCheck[];
  /** GET /metrics in the Prometheus text format. */
  metrics: { contentType: string; text(): Promise<string> };
  /** Per-client limit on /graphql; null when off. */
  rateLimiter: RateLimiter | null;
}

/** 429 with Retry-After and a GraphQL-shaped RATE_LIMITED error; the body is drained, not read. */
function sendRateLimited(req: IncomingMessage, res: ServerResponse, verdict: Extract<RateVerdict, { allowed: false }>, startedAt: number): void {
  req.resume();
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  res.writeHead(429, { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(seconds), ...refusalTiming(startedAt) });
  res.end(JSON.stringify({ errors: [{ message: `Too many requests from this client: retry in ${seconds} s.`, extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds: seconds } }] }));
}

export function createHttpServer(options: HttpServerOptions): Server {
  const handleGraphQL = createGraphQLHandler(options);
  const limiter = options.rateLimiter;
  const limitThenHandle = (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> | undefined => {
    if (limiter === null) return handleGraphQL(req, res, search);
    const verdict = limiter(req);
    const startedAt = performance.now();
    const decide = (v: RateVerdict) => (v.allowed ? handleGraphQL(req, res, search) : sendRateLimited(req, res, v, startedAt));
    return verdict instanceof Promise ? verdict.then(decide) : (decide(verdict) ?? undefined);
  };
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const search = queryAt === -1 ? '' : url.slice(queryAt);
    // Not async: a GraphQL request answered from the edge cache completes without creating a promise.
    const route = (): Promise<void> | void => {
      switch (path) {
        case '/graphql':
          if (req.method !== 'GET' && req.method !== 'POST') {
            return sendGraphQLError(res, 405, ErrorCode.BAD_REQUEST, `${req.method} is not supported on /graphql: use GET or POST.`, { allow: 'GET, POST', ...refusalTiming(performance.now()) });
          }
          return limitThenHandle(req, res, search);
        case '/healthz':
          return sendJson(res, 200, { status: 'ok' });
        case '/readyz': {
          const results = options.readiness.map((r) => ({ ...r, ok: safeCheck(r) }));
          const ready = results.every((r) => r.ok || r.required === false);
          const degraded = results.filter((r) => !r.ok && r.required === false).map((r) => r.name);
          const checks = Object.fromEntries(results.map((r) => [r.name, r.ok]));
          return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', checks, degraded });
        }
        case '/metrics':
          return options.metrics.text().then((text) => sendText(res, 200, options.metrics.contentType, text));
        default:
          return sendJson(res, 404, { error: `No route ${path}: the API is at /graphql.` });
      }
    };
    const fail = (error: unknown) => {
      options.logger.error('request failed', { path, message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined });
      if (!res.headersSent) sendGraphQLError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, 'Unexpected error.');
      else res.destroy();
    };
    try {
      route()?.catch(fail);
    } catch (error) {
      fail(error);
    }
  });
  // Slow or idle clients must not hold sockets forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  return server;
}

function safeCheck(readiness: ReadinessCheck): boolean {
  try {
    return readiness.check();
  } catch {
    return false;
  }
}
