/**
 * HTTP benchmark plumbing: the API and the bare baseline each in a child process of their own (so the
 * load generator in this process does not share their event loop), and autocannon runs against either.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { packageRoot } from '../../src/paths.js';
import { onInterrupt } from './cleanup.js';

export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, what: string): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve(match);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${what} exited with code ${code} before it was ready:\n${output}`)));
  });
}

/** Fails (and kills the child) when `promise` takes longer than `ms`: a benchmark must never hang. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string, child: ChildProcess): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${message} within ${ms / 1000} s`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * How a server is stopped: SIGTERM (after SIGCONT, in case a benchmark paused it: a stopped process keeps
 * a SIGTERM pending), SIGKILL 5 s later. Also registered for an interrupt of the whole run (./cleanup.ts)
 * until the child has exited, so Ctrl-C never leaves a server behind.
 */
function stopper(child: ChildProcess, what: string): () => Promise<void> {
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    });
  const unregister = onInterrupt(`${what} (pid ${child.pid})`, stop);
  child.once('exit', unregister);
  return stop;
}

/**
 * Suspends a server (SIGSTOP) or lets it run again (SIGCONT). A server with a background updater would
 * otherwise keep committing on the servers' core while another server is measured there.
 */
export function pause(server: RunningServer): void {
  server.child.kill('SIGSTOP');
}

export function resume(server: RunningServer): void {
  server.child.kill('SIGCONT');
}

/**
 * The built API (`node bin/stockql.js serve`) in production mode on a free loopback port.
 * `root` is the package to start (its bin/ and dist/): this tree, or another build of the code, such as
 * the `--before` baseline's worktree (./before-build.ts). @default this package
 */
export async function startApi(databasePath: string, env: Record<string, string> = {}, root = packageRoot): Promise<RunningServer> {
  const child = spawn(process.execPath, [join(root, 'bin', 'stockql.js'), 'serve'], {
    // LOG_LEVEL stays info: the "serving" line is how we learn the port.
    env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: databasePath, INGEST_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_SECOND: '0', ...env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopper(child, 'the API'); // at once: an interrupt during its start stops it too
  const match = await withTimeout(waitForLine(child, /"url":"(http:\/\/[^"]+)"/, 'the API'), 120_000, 'the API did not report its URL', child);
  child.stdout?.resume();
  child.stderr?.resume();
  return { url: match[1]!, child, stop };
}

/** What the bare server answers to one request body: the text, or the text with the API's headers. */
export type BareAnswer = string | { text: string; headers: Record<string, string> };

/** A bare node:http server answering each body in `responses` with exactly those bytes (and headers). */
export async function startBare(responses: Record<string, BareAnswer>, dir: string): Promise<RunningServer> {
  const file = join(dir, `bare-responses-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(responses));
  const child = spawn(process.execPath, [join(packageRoot, 'bench', 'lib', 'bare-server.mjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = stopper(child, 'the bare server');
  const match = await withTimeout(waitForLine(child, /^(\d+)$/m, 'the bare server'), 30_000, 'the bare server did not report its port', child);
  return { url: `http://127.0.0.1:${match[1]}/graphql`, child, stop };
}

/**
 * PostGraphile 4 (bench/lib/postgraphile-server.mjs) in production mode on a free loopback port, serving
 * the PostgreSQL database at `postgresUrl`; ready once its schema is built.
 */
export async function startPostGraphile(postgresUrl: string): Promise<RunningServer> {
  const child = spawn(process.execPath, [join(packageRoot, 'bench', 'lib', 'postgraphile-server.mjs'), postgresUrl], {
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = stopper(child, 'PostGraphile');
  const match = await withTimeout(waitForLine(child, /^(\d+)$/m, 'PostGraphile'), 60_000, 'PostGraphile did not report its port', child);
  child.stdout?.resume();
  child.stderr?.resume();
  return { url: `http://127.0.0.1:${match[1]}/graphql`, child, stop };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  bytesPerResponse: number;
  errors: number;
  non2xx: number;
}

/** Drives `url` with the request bodies in turn (each connection cycles through them). */
export async function load(url: string, bodies: string[], options: { connections: number; durationSeconds: number }): Promise<LoadResult> {
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.durationSeconds,
    requests: bodies.map((body) => ({ method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body })),
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    bytesPerResponse: result.requests.total ? result.throughput.total / result.requests.total : 0,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Posts one body, uncompressed as autocannon asks, and returns the response (to build the bare server's answers). */
export async function post(url: string, body: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** Headers a server sets per connection or per response on its own; the rest are replayed as they were. */
const CONNECTION_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

export function replayableHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    if (!CONNECTION_HEADERS.has(name)) out[name] = value;
  });
  return out;
}
