/**
 * callWithPolicy against a real HTTP server on loopback: what the server sees is what a provider sees.
 * Real time, but with small numbers and no assertion on how long anything took.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../../src/modules/market/ingest/provider.js';
import { parseRetryAfter } from '../../../src/modules/market/ingest/policy/backoff.js';
import {
  callWithPolicy,
  createCallPolicy,
  RetriesExhaustedError,
} from '../../../src/modules/market/ingest/policy/call-with-policy.js';
import { deferred, rejectionOf } from './helpers.js';

type ServerEvent = 'requests' | 'abandoned';
/** Per path: how many requests arrived, and how many of their connections the client closed unanswered. */
const seen = new Map<string, Record<ServerEvent, number>>();
const watchers: Array<{ path: string; event: ServerEvent; count: number; done: () => void }> = [];
let baseUrl = '';

function count(path: string, event: ServerEvent): number {
  return seen.get(path)?.[event] ?? 0;
}

function record(path: string, event: ServerEvent): void {
  const entry = seen.get(path) ?? { requests: 0, abandoned: 0 };
  entry[event] += 1;
  seen.set(path, entry);
  for (const watcher of watchers) {
    if (watcher.path === path && watcher.event === event && entry[event] >= watcher.count) watcher.done();
  }
}

/** Resolves once the server has seen `event` on `path` `n` times in all. */
function serverSaw(path: string, event: ServerEvent, n: number): Promise<void> {
  if (count(path, event) >= n) return Promise.resolve();
  const wait = deferred();
  watchers.push({ path, event, count: n, done: () => wait.resolve() });
  return wait.promise;
}

const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  record(path, 'requests');
  const attempt = count(path, 'requests');
  if (path === '/flaky' && attempt <= 2) {
    res.writeHead(503, { 'retry-after': '0' }).end('busy');
  } else if (path === '/missing') {
    res.writeHead(404).end('no such symbol');
  } else if (path === '/hang') {
    // Never answers; a client that gives up closes the connection.
    res.on('close', () => {
      if (!res.writableEnded) record(path, 'abandoned');
    });
  } else {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path, attempt }));
  }
});

/** The provider side of a call, reduced to the contract: HTTP failures become ProviderErrors. */
async function fetchJson(path: string, signal: AbortSignal): Promise<{ path: string; attempt: number }> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, { signal });
  } catch (error) {
    throw new ProviderError({ kind: 'network', detail: String(error) });
  }
  if (!response.ok) {
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    throw new ProviderError({ kind: 'http', status: response.status, retryAfterMs, detail: await response.text() });
  }
  return (await response.json()) as { path: string; attempt: number };
}

function fastPolicy(overrides: { attemptTimeoutMs?: number; maxAttempts?: number } = {}) {
  return createCallPolicy({ requestsPerSecond: 200, concurrency: 2, backoff: { baseMs: 1, capMs: 5 }, ...overrides });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('callWithPolicy over HTTP', () => {
  it('gets through two 503s with Retry-After: 0 on the third request', async () => {
    const outcome = await callWithPolicy((signal) => fetchJson('/flaky', signal), fastPolicy());
    expect(outcome).toEqual({ value: { path: '/flaky', attempt: 3 }, attempts: 3, retries: 2 });
    expect(count('/flaky', 'requests')).toBe(3);
  });

  it('asks once for a symbol the provider does not have', async () => {
    const error = await rejectionOf(callWithPolicy((signal) => fetchJson('/missing', signal), fastPolicy()));
    expect(error).toMatchObject({ message: 'HTTP 404: no such symbol' });
    expect(count('/missing', 'requests')).toBe(1);
  });

  it('times out a provider that never answers, closing each abandoned request, and says so', async () => {
    const policy = fastPolicy({ attemptTimeoutMs: 100, maxAttempts: 2 });
    const error = await rejectionOf(callWithPolicy((signal) => fetchJson('/hang', signal), policy));
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect((error as Error).message).toBe('gave up after 2 attempts: no answer within 100 ms');
    await serverSaw('/hang', 'abandoned', 2);
    expect(seen.get('/hang')).toEqual({ requests: 2, abandoned: 2 });
  });

  it("stops a request in flight when the caller aborts, and rethrows the caller's reason", async () => {
    const before = count('/hang', 'requests');
    const controller = new AbortController();
    const call = callWithPolicy((signal) => fetchJson('/hang', signal), fastPolicy(), { signal: controller.signal });
    await serverSaw('/hang', 'requests', before + 1);
    const reason = new Error('shutting down');
    controller.abort(reason);
    expect(await rejectionOf(call)).toBe(reason);
    await serverSaw('/hang', 'abandoned', before + 1);
    expect(count('/hang', 'requests')).toBe(before + 1);
  });
});
