/**
 * Starts the real API on an ephemeral loopback port over its own copy of a real SQLite file, and speaks
 * GraphQL to it over HTTP.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadEnv } from '../../src/env.js';
import { createLogger, type Logger } from '../../src/logger.js';

export interface GraphQLResult<T = any> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

export interface TestServer {
  url: string;
  app: App;
  databasePath: string;
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Start on an empty database file (the server seeds it) instead of a copy of the test market. */
  emptyDatabase?: boolean;
  /** Use this database file as it is. */
  databasePath?: string;
  env?: Record<string, string>;
  /** Where the server logs. @default silent */
  logger?: Logger;
}

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'stockql-test-'));
  const databasePath = options.databasePath ?? join(dir, 'stockql.db');
  if (!options.emptyDatabase && !options.databasePath) copyFileSync(inject('templateDatabase'), databasePath);
  // The background updater would change data under the tests, and the per-client limit would refuse the
  // hundreds of requests a test file sends from one address: both are off unless a test turns them on.
  const env = loadEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databasePath, NODE_ENV: 'test', LOG_LEVEL: 'silent', INGEST_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_SECOND: '0', ...options.env });
  const app = await createApp(env, { logger: options.logger ?? createLogger('silent') });
  const { url } = await app.listen();
  return {
    url,
    app,
    databasePath,
    async query(query, variables) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResult['body'] };
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** SQL statements the request executed, from `Server-Timing: db;…;desc="N queries"`. */
export function statementCount(headers: Headers): number {
  const match = /db;dur=[\d.]+;desc="(\d+) queries"/.exec(headers.get('server-timing') ?? '');
  if (!match) throw new Error(`no db entry in Server-Timing: ${headers.get('server-timing')}`);
  return Number(match[1]);
}

/** The data of a response that must have no errors. */
export function dataOf<T = any>(result: GraphQLResult<T>): T {
  if (result.body.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(result.body.errors)}`);
  return result.body.data as T;
}

/** The first error of a response that must have failed. */
export function errorOf(result: GraphQLResult): { message: string; extensions?: Record<string, any> } {
  const error = result.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.body)}`);
  return error;
}
