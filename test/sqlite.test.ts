import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/connection.js';
import { CHART_SQL } from '../src/modules/charts/charts.store.js';
import { SECTOR_STATS_SQL } from '../src/modules/sectors/sectors.store.js';
import { STOCK_ORDERS } from '../src/modules/stocks/stock-order.js';
import { startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let sqlite: Database.Database;
beforeAll(async () => {
  server = await startServer();
  sqlite = server.app.database.sqlite;
});
afterAll(() => server.close());

/** The query plan of the next statement a callback prepares through the app's own stores. */
function planOf(sql: string, params: unknown): string[] {
  return (sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params as any) as { detail: string }[]).map((r) => r.detail);
}

/** Captures the SQL the stocks store prepares for a page query (Drizzle builds it). */
async function pageSql(order: string, filter: Record<string, unknown>, after: boolean): Promise<{ sql: string; params: unknown[] }[]> {
  const captured: { sql: string; params: unknown[] }[] = [];
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    const statement = prepare(source);
    if (/from "stocks"/i.test(source)) captured.push({ sql: source, params: [] });
    return statement;
  }) as typeof sqlite.prepare;
  try {
    const first = await server.query(`query($o: StockOrder, $f: StockFilter) { stocks(first: 2, orderBy: $o, filter: $f) { pageInfo { endCursor } } }`, { o: order, f: filter });
    if (after) {
      await server.query(`query($o: StockOrder, $f: StockFilter, $a: String) { stocks(first: 2, orderBy: $o, filter: $f, after: $a) { nodes { symbol } } }`, { o: order, f: filter, a: first.body.data.stocks.pageInfo.endCursor });
    }
  } finally {
    sqlite.prepare = prepare as typeof sqlite.prepare;
  }
  return captured;
}

describe('SQLite tuning', () => {
  it('runs in WAL mode with production pragmas', () => {
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2); // MEMORY
    expect(Number(sqlite.pragma('cache_size', { simple: true }))).toBeLessThanOrEqual(-65536);
    expect(Number(sqlite.pragma('mmap_size', { simple: true }))).toBeGreaterThan(0);
    expect(Number(sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
  });

  it('opens a second connection to the same file with the same settings', () => {
    const other = openDatabase(server.databasePath, { readonly: true });
    try {
      expect(other.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      other.close();
    }
  });
});

describe('query plans', () => {
  const filters: Record<string, Record<string, unknown>> = {
    none: {},
    sector: { sector: 'Energy' },
    industry: { industry: 'Semiconductors' },
    exchange: { exchange: 'NYSE' },
    price: { minPrice: 10, maxPrice: 100 },
    change: { minChangePercent: -1 },
    marketCap: { minMarketCap: 1e10 },
    symbols: { symbols: ['AAPL', 'MSFT'] },
  };

  it.each(STOCK_ORDERS)('serves every filter ordered by %s from an index, first and later pages', async (order) => {
    for (const [name, filter] of Object.entries(filters)) {
      for (const statement of await pageSql(order, filter, true)) {
        const params = statement.sql.match(/\?/g)?.map(() => 1) ?? [];
        const plan = planOf(statement.sql, params).join(' | ');
        // Either an index narrows the rows, or the rows are walked in index order (stocks is a WITHOUT ROWID
        // table, so a plain SCAN walks its symbol primary key) and LIMIT stops the walk early.
        const narrowed = /SEARCH stocks USING (COVERING )?INDEX|SEARCH stocks USING PRIMARY KEY|SCAN stocks USING (COVERING )?INDEX/.test(plan);
        const walkedInOrder = /SCAN stocks/.test(plan) && !/TEMP B-TREE FOR ORDER BY/.test(plan);
        expect(narrowed || walkedInOrder, `${order} with ${name}: ${plan}`).toBe(true);
        if (name === 'none') expect(plan, `${order}: ${plan}`).not.toMatch(/TEMP B-TREE/);
      }
    }
  });

  it('reads chart bars by primary key range, for every column set', () => {
    const manySymbolParams = { symbols: '["AAPL","MSFT"]', windows: '[[0,"calendar",0,"-1 month"],[1,"sessions",4,null],[0,"all",0,null]]', interval: 3600 };
    const oneSymbolParams = { symbol: 'AAPL', windows: '[["calendar",0,"-1 month"],["sessions",4,null],["all",0,null]]', interval: 3600 };
    for (const [sql, params] of [
      [CHART_SQL.ohlcv, manySymbolParams],
      [CHART_SQL.close, manySymbolParams],
      [CHART_SQL.oneSymbol.ohlcv, oneSymbolParams],
      [CHART_SQL.oneSymbol.close, oneSymbolParams],
    ] as const) {
      const plan = planOf(sql, params);
      expect(plan.some((d) => /SEARCH b USING PRIMARY KEY \(symbol=\? AND interval_seconds=\? AND time>\?\)/.test(d)), plan.join(' | ')).toBe(true);
      expect(plan.some((d) => /SCAN (b|bars)\b/.test(d)), plan.join(' | ')).toBe(false);
    }
  });

  it('reads sector stats from their kept rows, never aggregating the stocks table per request', () => {
    for (const [sql, params] of [[SECTOR_STATS_SQL.all, []], [SECTOR_STATS_SQL.bySectors, ['["Energy","Utilities"]']]] as const) {
      const plan = planOf(sql, params);
      expect(plan.some((d) => /\bstocks\b/.test(d)), plan.join(' | ')).toBe(false);
      expect(plan.some((d) => /\bsector_stats\b/.test(d)), plan.join(' | ')).toBe(true);
    }
    // What the triggers of migration 0004 run per write: one sector's range of the covering index.
    for (const [where, params] of [['sector = ?', ['Energy']], ['sector IN (?, ?)', ['Energy', 'Utilities']]] as const) {
      const recompute = planOf(`SELECT * FROM sector_stats_aggregate WHERE ${where}`, params);
      const stockReads = recompute.filter((d) => /\b(SEARCH|SCAN) (s|g|l)\b/.test(d));
      expect(stockReads.length, recompute.join(' | ')).toBe(3);
      for (const read of stockReads) expect(read, recompute.join(' | ')).toMatch(/SEARCH \w USING COVERING INDEX stocks_sector_stats_idx \(sector=\?/);
    }
  });
});
