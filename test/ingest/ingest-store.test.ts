/**
 * The ingester's bookkeeping on a real SQLite file: what it fetches for each stock, when each was last
 * fetched (committed with the data, or not at all), and the lease that keeps two updaters apart.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { applyMigrations } from '../../src/db/migrate.js';
import { createIngestStore, type IngestStore } from '../../src/modules/market/ingest/ingest.store.js';
import { createMarketStore } from '../../src/modules/market/market.store.js';

const dir = mkdtempSync(join(tmpdir(), 'stockql-ingest-store-'));
let first: DatabaseHandle;
let second: DatabaseHandle;
let store: IngestStore;
let other: IngestStore;

beforeAll(() => {
  const path = join(dir, 'stockql.db');
  copyFileSync(inject('templateDatabase'), path);
  first = openDatabase(path);
  applyMigrations(first);
  second = openDatabase(path);
  store = createIngestStore(first.sqlite);
  other = createIngestStore(second.sqlite);
});
afterAll(() => {
  first.close();
  second.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the ingest store', () => {
  it('lists listed stocks with their latest daily bar, skipping unknown symbols', async () => {
    const targets = await store.targets(['MSFT', 'AAPL', 'NOPE'], '1d');
    expect(targets.map((t) => t.facts.symbol)).toEqual(['AAPL', 'MSFT']);
    for (const target of targets) {
      expect(target.sharesOutstanding).toBeGreaterThan(0);
      expect(target.lastDaily!.close).toBeGreaterThan(0);
      expect(target.fetchedAt).toBeNull();
    }
    expect((await store.targets('all', '1d')).length).toBe(503);
  });

  it('records a fetch only when the write that carries it commits', async () => {
    const market = createMarketStore(first.sqlite);
    const [aapl] = await store.targets(['AAPL'], '1d');
    await market.write([{ facts: aapl!.facts, quote: null, bars: [] }], { beforeCommit: () => store.markFetched('1d', [{ symbol: 'AAPL', fetchedAt: 1234 }]) });
    expect((await store.targets(['AAPL'], '1d'))[0]!.fetchedAt).toBe(1234);
    expect((await store.targets(['AAPL'], '5y'))[0]!.fetchedAt).toBeNull();

    const failing = market.write(
      (function* () {
        yield { facts: aapl!.facts, quote: null, bars: [] };
        throw new Error('provider went away mid-batch');
      })(),
      { beforeCommit: () => store.markFetched('1d', [{ symbol: 'AAPL', fetchedAt: 9999 }]) },
    );
    await expect(failing).rejects.toThrow('mid-batch');
    expect((await store.targets(['AAPL'], '1d'))[0]!.fetchedAt).toBe(1234);
  });

  it('lets one owner hold a lease across connections until it expires or is released', () => {
    expect(store.acquireLease('updater', 'worker-a', 10_000, 1_000)).toBe(true);
    expect(other.acquireLease('updater', 'worker-b', 10_000, 2_000)).toBe(false);
    expect(other.leaseHolder('updater', 2_000)).toEqual({ owner: 'worker-a', expiresAt: 11_000 });
    expect(store.acquireLease('updater', 'worker-a', 10_000, 5_000)).toBe(true); // renewal
    expect(other.acquireLease('updater', 'worker-b', 10_000, 15_001)).toBe(true); // expired: taken over
    store.releaseLease('updater', 'worker-a'); // not the holder any more: no effect
    expect(other.leaseHolder('updater', 15_002)?.owner).toBe('worker-b');
    other.releaseLease('updater', 'worker-b');
    expect(store.leaseHolder('updater', 15_003)).toBeNull();
  });
});
