import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMarket } from '../src/cli/commands/open-writable.js';
import { createLogger } from '../src/logger.js';
import { seedEmbeddedMarket } from '../src/modules/market/seed-market.js';
import { runCli } from './helpers/cli.js';
import { dataOf, startServer } from './helpers/server.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stockql-startup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A fingerprint of every stock and bar (exact sums in primary-key order), to compare two databases. */
function fingerprint(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    const hash = createHash('sha256');
    for (const row of db.prepare('SELECT * FROM stocks ORDER BY symbol').raw().iterate()) hash.update(JSON.stringify(row));
    const bars = db.prepare(`SELECT interval_seconds, count(*), sum(time), total(open), total(high), total(low), total(close), total(volume)
                             FROM bars GROUP BY interval_seconds ORDER BY interval_seconds`).raw().all();
    hash.update(JSON.stringify(bars));
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

const dataVersion = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return Number(db.prepare(`SELECT seq FROM data_clock WHERE id = 1`).pluck().get());
  } finally {
    db.close();
  }
};

describe('first start', () => {
  it('creates and seeds a missing database, and reuses it on the next start', async () => {
    const path = join(dir, 'nested', 'first.db');
    const first = await startServer({ databasePath: path });
    try {
      const data = dataOf(await first.query(`{ stocks { totalCount } sectors { sector } stock(symbol: "BRK.B") { name quote { price } } }`));
      expect(data.stocks.totalCount).toBeGreaterThanOrEqual(300);
      expect(data.sectors).toHaveLength(11);
      expect(data.stock.quote.price).toBeGreaterThan(0);
    } finally {
      await first.close();
    }
    const seeded = dataVersion(path);
    expect(seeded).toBeGreaterThan(0);
    const second = await startServer({ databasePath: path });
    await second.close();
    // The second start found the stocks and wrote nothing: the data clock did not move.
    expect(dataVersion(path)).toBe(seeded);
  });
});

describe('two processes starting on one empty file', () => {
  it('seed it once between them and both serve it', async () => {
    const path = join(dir, 'shared.db');
    // Each server says in its log whether it seeded or found another's seed: exactly one may seed.
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const servers = await Promise.all([startServer({ databasePath: path, logger }), startServer({ databasePath: path, logger })]);
    try {
      for (const server of servers) expect(dataOf(await server.query(`{ stocks { totalCount } }`)).stocks.totalCount).toBeGreaterThanOrEqual(300);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
    const said = (message: string) => lines.filter((line) => (JSON.parse(line) as { msg: string }).msg === message).length;
    expect(said('seeded the embedded market')).toBe(1);
    expect(said('another process seeded the database first; using its data')).toBe(1);
  });
});

describe('stockql seed', () => {
  it('rebuilds the same market byte for byte from the same seed and session, and another market from another seed', async () => {
    const [a, b, c] = ['a.db', 'b.db', 'c.db'].map((name) => join(dir, name));
    const results = [
      await runCli(['--database', a!, 'seed', '--seed', '7', '--as-of', '2026-06-12']),
      await runCli(['--database', c!, 'seed', '--seed', '8', '--as-of', '2026-06-12']),
    ];
    // The CLI generates on a worker thread; the same market generated inline must be identical.
    const inline = openMarket(b!);
    await seedEmbeddedMarket(inline.store, { seed: 7, asOf: '2026-06-12', parallel: false });
    inline.database.close();
    for (const result of results) {
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/seed: \d+ stocks, [\d,]+ bars through 2026-06-12 in [\d.]+ s \([\d,]+ bars\/s\)/);
    }
    expect(fingerprint(a!)).toBe(fingerprint(b!));
    expect(fingerprint(a!)).not.toBe(fingerprint(c!));
  }, 180_000);

  it('refuses an --as-of date that is not a trading day', async () => {
    const result = await runCli(['--database', join(dir, 'holiday.db'), 'seed', '--as-of', '2026-12-25']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/2026-12-25 is not an NYSE trading day/);
  });
});
