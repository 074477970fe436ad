/**
 * The safelist in the real API (PERSISTED_QUERIES=safelist): our HTTP layer, edge cache and Apollo.
 * It runs once src/env.ts knows PERSISTED_QUERIES (the wiring of this feature); until then it is skipped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../../src/env.js';
import { loadOperationManifest } from '../../src/graphql/safelist/operation-manifest.js';
import { startServer, type TestServer } from '../helpers/server.js';
import { byId, operationNamed } from './safelist-server.js';

const stockDetail = operationNamed(loadOperationManifest(), 'StockDetail');
const wired = 'persistedQueries' in loadEnv({});
let server: TestServer | undefined;
beforeAll(async () => {
  if (wired) server = await startServer({ env: { PERSISTED_QUERIES: 'safelist' } });
});
afterAll(() => server?.close());

const post = async (body: Record<string, unknown>) => {
  const response = await fetch(server!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, timing: response.headers.get('server-timing') ?? '', body: (await response.json()) as any };
};

describe.skipIf(!wired)('PERSISTED_QUERIES=safelist', () => {
  it('serves a listed operation by id, the second time from the edge cache', async () => {
    const request = { extensions: byId(stockDetail.id), variables: { symbol: 'AAPL' } };
    const first = await post(request);
    expect(first.status).toBe(200);
    expect(first.body.data.stock.symbol).toBe('AAPL');
    const again = await post(request);
    expect(again.body).toEqual(first.body);
    expect(again.timing).toContain('edge;desc="hit"');
  });

  it('refuses an unlisted operation every time: a refusal is never kept at the edge', async () => {
    for (let i = 0; i < 2; i++) {
      const refused = await post({ query: '{ sectors { sector } }' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      expect(refused.timing).not.toContain('edge;desc="hit"');
    }
  });
});
