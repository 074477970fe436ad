/**
 * The fake Yahoo server itself: other ingest tests and the benchmark trust what it records, so its
 * bookkeeping (concurrency, bursts, seeded failures, closing on hanging sockets) is tested here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startFakeYahoo, type FakeYahoo } from '../../helpers/fake-yahoo.js';

const started: FakeYahoo[] = [];
async function fake(options?: Parameters<typeof startFakeYahoo>[0]): Promise<FakeYahoo> {
  const server = await startFakeYahoo(options);
  started.push(server);
  return server;
}
afterEach(async () => {
  await Promise.all(started.splice(0).map((server) => server.close()));
});

const chartUrl = (yahoo: FakeYahoo, symbol: string) => `${yahoo.baseUrl}/v8/finance/chart/${symbol}?range=1d&interval=1m`;
const statusOf = (yahoo: FakeYahoo, symbol: string) => fetch(chartUrl(yahoo, symbol)).then(async (r) => (await r.arrayBuffer(), r.status));

describe('the fake Yahoo server', () => {
  it('answers scripts in order, repeating the last answer, and good charts for unscripted symbols', async () => {
    const yahoo = await fake();
    yahoo.script('AAPL', { kind: 'status', status: 429 }, { kind: 'status', status: 500 }, { kind: 'good' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await statusOf(yahoo, 'AAPL'));
    expect(statuses).toEqual([429, 500, 200, 200]);
    expect(await statusOf(yahoo, 'MSFT')).toBe(200);
    expect(yahoo.requestsFor('aapl').map((r) => r.answered)).toEqual(['status', 'status', 'good', 'good']);
  });

  it('counts the most requests in flight at once', async () => {
    const yahoo = await fake();
    yahoo.script('SLOW', { kind: 'hang' });
    const controller = new AbortController();
    const inFlight = [1, 2, 3].map(() => fetch(chartUrl(yahoo, 'SLOW'), { signal: controller.signal }).catch(() => 'aborted'));
    await vi.waitFor(() => expect(yahoo.requests).toHaveLength(3));
    controller.abort();
    expect(await Promise.all(inFlight)).toEqual(['aborted', 'aborted', 'aborted']);
    await vi.waitFor(() => expect(yahoo.requests.every((r) => r.endedAt !== null)).toBe(true));
    await statusOf(yahoo, 'AAPL');
    expect(yahoo.maxConcurrent).toBe(3);
  });

  it('finds the densest burst of request starts in half-open windows', async () => {
    let clock = 0;
    const yahoo = await fake({ now: () => clock });
    for (const at of [0, 10, 20, 100, 105]) {
      clock = at;
      await statusOf(yahoo, 'AAPL');
    }
    expect(yahoo.maxInAnyWindow(5)).toBe(1); // 100 and 105 are not both in [100, 105)
    expect(yahoo.maxInAnyWindow(6)).toBe(2);
    expect(yahoo.maxInAnyWindow(20)).toBe(2);
    expect(yahoo.maxInAnyWindow(21)).toBe(3);
    expect(yahoo.maxInAnyWindow(106)).toBe(5);
  });

  it('injects the same transient 503s for the same seed, without consuming the script', async () => {
    const run = async (seed: number) => {
      const yahoo = await fake({ transientFailureRate: 0.3, seed });
      yahoo.script('AAPL', { kind: 'status', status: 429 }, { kind: 'good' });
      const statuses = [];
      for (let i = 0; i < 30; i++) statuses.push(await statusOf(yahoo, 'AAPL'));
      return statuses;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(0);
    expect(first.filter((s) => s !== 503)).toEqual([429, ...Array(first.filter((s) => s !== 503).length - 1).fill(200)]);
  });

  it('closes with a response still hanging, failing that request', async () => {
    const yahoo = await startFakeYahoo();
    yahoo.script('AAPL', { kind: 'hang' });
    const pending = fetch(chartUrl(yahoo, 'AAPL')).then(
      () => 'answered',
      () => 'failed',
    );
    await vi.waitFor(() => expect(yahoo.requests).toHaveLength(1));
    await yahoo.close();
    expect(await pending).toBe('failed');
  });

  it('answers 404 to other paths without recording them', async () => {
    const yahoo = await fake();
    const response = await fetch(`${yahoo.baseUrl}/v7/finance/quote?symbols=AAPL`);
    expect(response.status).toBe(404);
    await response.arrayBuffer();
    expect(yahoo.requests).toEqual([]);
  });
});
