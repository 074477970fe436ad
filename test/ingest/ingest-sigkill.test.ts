/**
 * An ingest killed with SIGKILL mid-run: the database stays consistent and every batch is either fully
 * there (quotes, bars and fetch times of all its stocks) or not at all.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { startFakeYahoo, type FakeYahoo } from '../helpers/fake-yahoo.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'stockql-sigkill-'));
const databasePath = join(dir, 'stockql.db');
const BATCH = 50; // the ingest service's default batch size
// goodChart's daily bars start on the template market's last session, so later ones are new.
const LAST_SEEDED_SESSION_OPEN = 1_795_789_800;
let yahoo: FakeYahoo;
let killedAfterBatches = 0;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  copyFileSync(inject('templateDatabase'), databasePath);
  yahoo = await startFakeYahoo({ latencyMs: 40 });
  const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'src', 'cli', 'main.ts'), '--database', databasePath, 'ingest', '--provider', 'yahoo', '--range', '6mo', '--concurrency', '10', '--rate', '200'], {
    cwd: root,
    env: { ...process.env, YAHOO_BASE_URL: yahoo.baseUrl, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const reader = new Database(databasePath, { readonly: true });
  try {
    // Kill it once some batches have committed and while others are still being fetched.
    for (let i = 0; i < 600 && killedAfterBatches < 2; i++) {
      await wait(20);
      killedAfterBatches = Math.floor((reader.prepare('SELECT count(*) AS n FROM ingest_state').get() as { n: number }).n / BATCH);
    }
  } finally {
    reader.close();
  }
  child.kill('SIGKILL');
  await exited;
}, 60_000);

afterAll(async () => {
  await yahoo.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an ingest killed with SIGKILL', () => {
  it('was killed part-way, after some batches and before the last', () => {
    expect(killedAfterBatches).toBeGreaterThanOrEqual(2);
    expect(yahoo.requests.length).toBeLessThan(503);
  });

  it('leaves a database that passes integrity_check, with every batch whole or absent', () => {
    const db = new Database(databasePath);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const rows = db
        .prepare(`SELECT s.symbol, f.fetched_at AS fetchedAt,
                         (SELECT count(*) FROM bars b WHERE b.symbol = s.symbol AND b.interval_seconds = 86400 AND b.time > ?) AS newBars
                  FROM stocks s LEFT JOIN ingest_state f ON f.symbol = s.symbol AND f.range = '6mo'`)
        .all(LAST_SEEDED_SESSION_OPEN) as { symbol: string; fetchedAt: number | null; newBars: number }[];
      const committed = rows.filter((r) => r.fetchedAt !== null);
      // Whole batches only: the stocks of a batch and their fetch times commit in one transaction.
      expect(committed.length % BATCH).toBe(0);
      expect(committed.length).toBeGreaterThanOrEqual(2 * BATCH);
      expect(committed.length).toBeLessThan(rows.length);
      // Every stock is either wholly updated (all 29 new daily bars and its fetch time) or untouched.
      for (const row of rows) expect(row.newBars, row.symbol).toBe(row.fetchedAt === null ? 0 : 29);
    } finally {
      db.close();
    }
  });
});
