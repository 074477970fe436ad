/**
 * Two real servers over copies of the same test market, one with GRAPHQL_EXECUTOR=jit and one with
 * GRAPHQL_EXECUTOR=graphql-js (Apollo's own execution: the server as it was before the compiled
 * executor), sent the same HTTP requests, so a test can require the same bytes back from both.
 */
import { expect } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { startServer, type TestServer } from '../helpers/server.js';

/** What a client can observe of one response, minus what is measured per request (Server-Timing, request id). */
export interface Observed {
  status: number;
  cacheControl: string | null;
  contentType: string | null;
  etag: string | null;
  /** The body exactly as sent (after content decoding). */
  body: string;
}

export interface Exchange {
  jit: Observed;
  reference: Observed;
}

export interface Request {
  /** A JSON body for POST; with `method: 'GET'` its fields become the query string. */
  body: Record<string, unknown>;
  method?: 'POST' | 'GET';
  headers?: Record<string, string>;
}

export interface ExecutorPair {
  jit: TestServer;
  reference: TestServer;
  /** Debug lines the jit server's executor logged (its compilations and fallbacks). */
  jitLog: { message: string; fields: Record<string, unknown> }[];
  send(request: Request): Promise<Exchange>;
  close(): Promise<void>;
}

/** A logger that keeps the executor's debug lines and drops everything else. */
function recordingLogger(into: ExecutorPair['jitLog']): Logger {
  const ignore = () => {};
  return {
    debug: (message, fields = {}) => {
      if (message.includes('graphql-jit') || message.includes('compiled run')) into.push({ message, fields });
    },
    info: ignore,
    warn: ignore,
    error: ignore,
    isEnabled: (level) => level === 'debug',
  };
}

/** @param env added to both servers' environment; CACHE_URL is `off` unless given, so every request executes. */
export async function startExecutorPair(env: Record<string, string> = {}): Promise<ExecutorPair> {
  const jitLog: ExecutorPair['jitLog'] = [];
  const shared = { CACHE_URL: 'off', ...env };
  const [jit, reference] = await Promise.all([
    startServer({ env: { ...shared, GRAPHQL_EXECUTOR: 'jit' }, logger: recordingLogger(jitLog) }),
    startServer({ env: { ...shared, GRAPHQL_EXECUTOR: 'graphql-js' } }),
  ]);
  return {
    jit,
    reference,
    jitLog,
    // One after the other, never at once: a request must not see the other server's load.
    send: async (request) => ({ jit: await observe(jit.url, request), reference: await observe(reference.url, request) }),
    close: async () => {
      await Promise.all([jit.close(), reference.close()]);
    },
  };
}

async function observe(url: string, { body, method = 'POST', headers = {} }: Request): Promise<Observed> {
  let response: Response;
  if (method === 'GET') {
    const search = new URLSearchParams(Object.entries(body).map(([key, value]): [string, string] => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
    response = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true', ...headers } });
  } else {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    contentType: response.headers.get('content-type'),
    etag: response.headers.get('etag'),
    body: await response.text(),
  };
}

/**
 * `search.tookMs` is a measured duration: it differs between any two runs, whichever the executor, so it
 * alone is replaced before the bytes are compared.
 */
export function withoutTimings(body: string): string {
  return body.replace(/"tookMs":-?\d+(\.\d+)?(e[+-]?\d+)?/g, '"tookMs":0');
}

/**
 * Development and test servers add `extensions.stacktrace` to errors: the stack of the original error, whose
 * frames name the executor that ran the resolver, so it cannot match. Tests of non-production servers
 * compare errors without it (production sends none).
 */
export function withoutStacktraces(body: string): string {
  const parsed = JSON.parse(body) as { errors?: { extensions?: Record<string, unknown> }[] };
  for (const error of parsed.errors ?? []) delete error.extensions?.stacktrace;
  return JSON.stringify(parsed);
}

/** Fails unless both responses are the same: status, Cache-Control, content type, ETag and every byte of the body. */
export function expectIdentical(exchange: Exchange, normalize: (body: string) => string = withoutTimings): void {
  const { jit, reference } = exchange;
  const [a, b] = [normalize(jit.body), normalize(reference.body)];
  if (a !== b) {
    let at = 0;
    while (at < a.length && a[at] === b[at]) at++;
    const around = (s: string) => JSON.stringify(s.slice(Math.max(0, at - 80), at + 80));
    throw new Error(`bodies differ at byte ${at}:\n  jit:        ${around(a)}\n  graphql-js: ${around(b)}`);
  }
  expect({ status: jit.status, cacheControl: jit.cacheControl, contentType: jit.contentType, etag: jit.etag }).toEqual({
    status: reference.status,
    cacheControl: reference.cacheControl,
    contentType: reference.contentType,
    etag: reference.etag,
  });
}
