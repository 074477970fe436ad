import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/cli.js';
import { TEST_AS_OF } from './helpers/constants.js';
import { dataOf, startServer } from './helpers/server.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stockql-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function csvFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function withDb<T>(path: string, read: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function readDb(path: string) {
  return withDb(path, (db) => ({
    symbols: db.prepare('SELECT symbol FROM stocks ORDER BY symbol').pluck().all() as string[],
    bars: db.prepare('SELECT count(*) FROM bars').pluck().get() as number,
    version: Number(db.prepare(`SELECT seq FROM data_clock WHERE id = 1`).pluck().get() ?? 0),
  }));
}

function barsOf(path: string, symbol: string): number {
  return withDb(path, (db) => db.prepare('SELECT count(*) FROM bars WHERE symbol = ?').pluck().get(symbol) as number);
}

const goodCsv = `name,symbol,industry,sector,exchange,marketCap,price
"Estée Lauder Companies (The)",EL,Personal Care Products,Consumer Staples,NYSE,30000000000,80.5
"O’Reilly Automotive",ORLY,Automotive Retail,Consumer Discretionary,NASDAQ,,
"Brown–Forman ""Class B""",BF-B,Distillers & Vintners,Consumer Staples,NYSE,15000000000,
Tiny Unknown Co,TINY,,,,,
`;

describe('stockql import', () => {
  it('creates a missing database holding only the imported rows, each with a synthetic history, and serves them', async () => {
    const db = join(dir, 'fresh.db');
    const result = await runCli(['--database', db, 'import', csvFile('good.csv', goodCsv), '--as-of', TEST_AS_OF]);
    expect(result.stderr).toContain('4 added, 0 updated, 0 removed');
    expect(result.code).toBe(0);
    const state = readDb(db);
    expect(state.symbols).toEqual(['BF.B', 'EL', 'ORLY', 'TINY']);
    expect(barsOf(db, 'TINY')).toBeGreaterThan(1000);

    const server = await startServer({ databasePath: db });
    try {
      const data = dataOf(await server.query(`{
        el: stock(symbol: "EL") { name sector quote { price marketCap } chart(range: ONE_DAY) { points { close } } }
        bf: stock(symbol: "BF.B") { name }
        tiny: stock(symbol: "tiny") { sector industry exchange sectorStats { sector } }
        sectors { sector stockCount }
      }`));
      expect(data.el.name).toBe('Estée Lauder Companies (The)');
      expect(data.el.quote.price).toBeCloseTo(80.5, 2);
      expect(data.el.quote.marketCap / 3e10).toBeCloseTo(1, 2);
      expect(data.el.chart.points.length).toBeGreaterThan(0);
      expect(data.bf.name).toBe('Brown–Forman "Class B"');
      expect(data.tiny).toEqual({ sector: null, industry: null, exchange: null, sectorStats: null });
      // A stock of unknown sector belongs to no sector's stats.
      expect(data.sectors).toHaveLength(2);
      expect(data.sectors).toEqual(expect.arrayContaining([
        { sector: 'Consumer Staples', stockCount: 2 },
        { sector: 'Consumer Discretionary', stockCount: 1 },
      ]));
    } finally {
      await server.close();
    }
  });

  it('refuses a file with invalid rows, names each line, and writes nothing', async () => {
    const db = join(dir, 'refuse.db');
    await runCli(['--database', db, 'import', csvFile('base.csv', goodCsv), '--as-of', TEST_AS_OF]);
    const before = readDb(db);
    const bad = csvFile('bad.csv', `symbol,name,sector,industry,price
NEW1,New One,Energy,Oil & Gas Drilling,12
$$$,Bad Symbol,Energy,Oil & Gas Drilling,10
NEW2,,Energy,Oil & Gas Drilling,10
NEW3,Bad Sector,Crypto,Things,10
NEW4,Bad Price,Energy,Oil & Gas Drilling,-3
`);
    const result = await runCli(['--database', db, 'import', bad, '--as-of', TEST_AS_OF]);
    expect(result.code).toBe(1);
    for (const line of [3, 4, 5, 6]) expect(result.stderr).toContain(`bad.csv:${line}`);
    expect(result.stderr).toMatch(/Import refused/);
    expect(readDb(db)).toMatchObject({ symbols: before.symbols, bars: before.bars, version: before.version });
  });

  it('imports the valid rows with --skip-invalid and exits 2', async () => {
    const db = join(dir, 'skip.db');
    const result = await runCli(['--database', db, 'import', '--skip-invalid', '--as-of', TEST_AS_OF, csvFile('mixed.csv', `symbol,name,sector,industry
GOOD,Good Co,Utilities,Electric Utilities
B@D,Bad Co,Utilities,Electric Utilities
`)]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('mixed.csv:3');
    expect(readDb(db).symbols).toEqual(['GOOD']);
  });

  it('updates facts of listed stocks without touching their prices, and --replace removes the unlisted with their bars', async () => {
    const db = join(dir, 'replace.db');
    await runCli(['--database', db, 'import', csvFile('first.csv', goodCsv), '--as-of', TEST_AS_OF]);
    const barsOfEl = barsOf(db, 'EL');
    const update = csvFile('update.csv', `symbol,name,sector,industry,price
EL,Estee Lauder Renamed,Consumer Staples,Personal Care Products,999
NEWCO,New Company,Industrials,Aerospace & Defense,
`);
    const result = await runCli(['--database', db, 'import', '--replace', '--as-of', TEST_AS_OF, update]);
    expect(result.stderr).toContain('1 added, 1 updated, 3 removed');
    expect(result.code).toBe(0);
    const state = readDb(db);
    expect(state.symbols).toEqual(['EL', 'NEWCO']);
    expect(barsOf(db, 'ORLY')).toBe(0);
    expect(barsOf(db, 'EL')).toBe(barsOfEl);

    const server = await startServer({ databasePath: db });
    try {
      const { stock } = dataOf(await server.query(`{ stock(symbol: "EL") { name quote { price } } }`));
      expect(stock.name).toBe('Estee Lauder Renamed');
      expect(stock.quote.price).toBeCloseTo(80.5, 2);
    } finally {
      await server.close();
    }
  });

  it('refuses a file without the required columns, naming them', async () => {
    const db = join(dir, 'header.db');
    const result = await runCli(['--database', db, 'import', csvFile('header.csv', 'ticker,name\nAAPL,Apple\n')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/symbol/);
    expect(result.stderr).toMatch(/sector/);
  });

  it('says so when the file cannot be read', async () => {
    const result = await runCli(['--database', join(dir, 'x.db'), 'import', join(dir, 'missing.csv')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Cannot read .*missing\.csv: ENOENT/);
    expect(existsSync(join(dir, 'x.db'))).toBe(false);
  });
});
