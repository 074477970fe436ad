/**
 * What an operator sees of each request: its id (taken from the caller when sane), per-operation counts
 * and latencies in Query.metrics, and log lines — warnings for slow requests and for requests that run
 * more SQL statements than they should (the N+1 detector).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperationManifest } from '../src/graphql/safelist/operation-manifest.js';
import { createLogger } from '../src/logger.js';
import { dataOf, startServer, type TestServer } from './helpers/server.js';

/** Log lines as objects, written by a real pino logger into memory. */
function captureLogs() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { lines, logger };
}

describe('request ids, operation metrics and request logs', () => {
  const logs = captureLogs();
  let server: TestServer;
  beforeAll(async () => {
    // Every request counts as slow, and more than one statement as too many: both warnings fire on demand.
    server = await startServer({ logger: logs.logger, env: { SLOW_REQUEST_MS: '0', SQL_STATEMENTS_WARN: '1', CACHE_URL: 'memory' } });
  });
  afterAll(() => server.close());

  const post = (body: object, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('echoes a sane x-request-id and makes one up otherwise', async () => {
    expect((await post({ query: '{ stock(symbol: "AAPL") { symbol } }' }, { 'x-request-id': 'trace-123' })).headers.get('x-request-id')).toBe('trace-123');
    expect((await post({ query: '{ stock(symbol: "AAPL") { symbol } }' })).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const odd = (await post({ query: '{ stock(symbol: "AAPL") { symbol } }' }, { 'x-request-id': 'bad id\twith spaces' })).headers.get('x-request-id');
    expect(odd).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs slow requests and N+1-looking ones as warnings, with id, operation, statements and cache', async () => {
    const response = await post({ query: 'query Page { stocks(first: 3) { totalCount nodes { symbol } } }' }, { 'x-request-id': 'page-1' });
    expect(response.status).toBe(200);
    const mine = logs.lines.filter((l) => l.requestId === 'page-1');
    const nPlusOne = mine.find((l) => /SQL statements/.test(l.msg));
    expect(nPlusOne).toMatchObject({ level: 'warn', operation: 'Page', sqlStatements: 2, cache: 'miss', status: 200 });
    expect(mine.find((l) => /slow request/.test(l.msg))).toMatchObject({ level: 'warn', operation: 'Page' });

    await post({ query: 'query Page { stocks(first: 3) { totalCount nodes { symbol } } }' }, { 'x-request-id': 'page-2' });
    // The repeat is an edge-cache hit: no SQL, so only the (forced) slow warning, marked as from the edge.
    const repeat = logs.lines.filter((l) => l.requestId === 'page-2');
    expect(repeat.map((l) => l.cache)).toEqual(['edge']);
    expect(repeat[0]).toMatchObject({ operation: 'Page', sqlStatements: 0 });
  });

  it('reports per-operation counts, errors and latency percentiles, and the slowest requests', async () => {
    await post({ query: 'query Bad { stock(symbol: "not a symbol!") { name } }' });
    await post({ query: '{ sectors { sector } }' });
    const { metrics } = dataOf(
      await server.query('query Metrics { metrics { operations { name requestCount errorCount p50Ms p95Ms p99Ms } slowRequests { requestId operation durationMs sqlStatements at } } }'),
    );
    const byName = Object.fromEntries(metrics.operations.map((o: { name: string }) => [o.name, o]));
    expect(byName.Page).toMatchObject({ requestCount: 2, errorCount: 0 });
    expect(byName.Page.p99Ms).toBeGreaterThanOrEqual(byName.Page.p50Ms);
    expect(byName.Bad).toMatchObject({ requestCount: 1, errorCount: 1 });
    expect(byName['(anonymous)'].requestCount).toBeGreaterThanOrEqual(4);
    const slowest = metrics.slowRequests as { requestId: string; operation: string | null; durationMs: number; sqlStatements: number; at: string }[];
    expect(slowest.find((r) => r.requestId === 'page-1')).toMatchObject({ operation: 'Page', sqlStatements: 2 });
    for (let i = 1; i < slowest.length; i++) expect(slowest[i - 1]!.durationMs).toBeGreaterThanOrEqual(slowest[i]!.durationMs);
    expect(new Date(slowest[0]!.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('exposes Prometheus metrics with bounded labels: trusted operation names, outcomes and namespaces only', async () => {
    const sectors = loadOperationManifest().operations.find((o) => o.name === 'SectorsOverview')!;
    const byId = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sectors.id } } });
    expect(byId.status).toBe(200);
    const text = await (await fetch(server.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(text).toMatch(/^stockql_graphql_request_duration_seconds_count\{operation="SectorsOverview",outcome="ok"\} 1$/m);
    // `Page` and `Bad` are not trusted documents: their names never become label values.
    expect(text).toMatch(/^stockql_graphql_request_duration_seconds_count\{operation="other",outcome="ok"\} [1-9]\d*$/m);
    expect(text).toMatch(/^stockql_graphql_request_duration_seconds_count\{operation="other",outcome="error"\} [1-9]\d*$/m);
    expect(text).not.toMatch(/operation="(Page|Bad)"/);
    expect(text).not.toMatch(/AAPL/);
    expect(text).toMatch(/^stockql_graphql_sql_statements_bucket\{le="0"\} [1-9]\d*$/m);
    expect(text).toMatch(/^stockql_cache_hits_total\{namespace="response"\} [1-9]\d*$/m);
    expect(text).toMatch(/^stockql_search_index_documents 50[0-9]$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^stockql_graphql_requests_total [1-9]\d*$/m);
  });
});
