/**
 * A list of stocks that shows `sectorStats` loads its rows' sectors before the rows resolve
 * (src/modules/sectors/sectors.service.ts, preloadFor). Over HTTP: the stats equal the sector's own, the
 * request reads the stats in one statement whether the list is read as nodes or edges,
 * and a failing stats read still fails each row's field alone, as it did before the preload.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataOf, startServer, statementCount, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  // No data cache: every request reads SQLite, so statement counts are the reads the request needs.
  server = await startServer({ env: { CACHE_URL: 'off' } });
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

const STATS = 'sector stockCount totalMarketCap averageChangePercent advancers decliners unchanged topGainer { symbol }';

describe('sector stats of a listed page', () => {
  it('equal each sector’s own stats, in one stats statement for 100 rows', async () => {
    const page = await server.query(`{ stocks(first: 100) { nodes { symbol sector sectorStats { ${STATS} } } } }`);
    const nodes = dataOf(page).stocks.nodes as { symbol: string; sector: string; sectorStats: Record<string, unknown> }[];
    expect(nodes).toHaveLength(100);
    // The page, the stats of its sectors, and the top gainers' rows: never one per row.
    expect(statementCount(page.headers)).toBe(3);
    const sectors = dataOf(await server.query(`{ sectors { ${STATS} } }`)).sectors as { sector: string }[];
    const bySector = new Map(sectors.map((s) => [s.sector, s]));
    expect(new Set(nodes.map((n) => n.sector)).size).toBeGreaterThan(3);
    for (const node of nodes) expect(node.sectorStats).toEqual(bySector.get(node.sector));
  });

  it('read through edges, fragments and aliases the same way', async () => {
    const viaNodes = dataOf(await server.query(`{ stocks(first: 30, orderBy: SYMBOL_ASC) { nodes { symbol sectorStats { ${STATS} } } } }`)).stocks.nodes;
    const viaEdges = await server.query(`
      { stocks(first: 30, orderBy: SYMBOL_ASC) { edges { cursor node { symbol ...Stats } } } }
      fragment Stats on Stock { stats: sectorStats { ${STATS} } }`);
    expect(statementCount(viaEdges.headers)).toBe(3);
    expect(dataOf(viaEdges).stocks.edges.map((e: any) => ({ symbol: e.node.symbol, sectorStats: e.node.stats }))).toEqual(viaNodes);
  });

  it('a sector’s own stock list needs no second stats read', async () => {
    const result = await server.query(`{ sector(name: "energy") { stockCount stocks(first: 10) { nodes { symbol sectorStats { sector stockCount } } } } }`);
    // The sector's stats and its page: the rows' stats are the ones `sector` read.
    expect(statementCount(result.headers)).toBe(2);
    const sector = dataOf(result).sector;
    expect(sector.stocks.nodes.length).toBeGreaterThan(0);
    for (const node of sector.stocks.nodes) expect(node.sectorStats).toEqual({ sector: 'Energy', stockCount: sector.stockCount });
  });

  it('a list that does not show sector stats reads none', async () => {
    const result = await server.query('{ stocks(first: 100) { nodes { symbol sector } } }');
    expect(statementCount(result.headers)).toBe(1);
  });

  it('a failing stats read fails each row’s sectorStats alone: the rows are still served', async () => {
    vi.spyOn(server.app.services.stores.sectors, 'findBySectors').mockRejectedValue(new Error('database is locked'));
    const result = await server.query('{ stocks(first: 5) { nodes { symbol sectorStats { sector } } } }');
    const nodes = (result.body.data as any).stocks.nodes as { symbol: string; sectorStats: unknown }[];
    expect(nodes).toHaveLength(5);
    for (const node of nodes) {
      expect(node.symbol).toMatch(/^[A-Z]/);
      expect(node.sectorStats).toBeNull();
    }
    const errors = result.body.errors ?? [];
    expect(errors).toHaveLength(5);
    expect(errors.map((e) => e.path).sort((a, b) => Number(a![2]) - Number(b![2]))).toEqual(nodes.map((_, i) => ['stocks', 'nodes', i, 'sectorStats']));
    expect(errors.every((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')).toBe(true);
  });
});
