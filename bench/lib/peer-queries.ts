/**
 * The equivalent list queries of the peer benchmark, one per server, and the check that both answer the
 * same rows: a comparison is only fair if both do the same work.
 *
 * The same 100 stocks, by market cap descending with ties broken by symbol descending (stockql's default
 * order for `stocks`; PostGraphile would otherwise break ties by primary key ascending), each with its
 * symbol, name, price, change percent, market cap and three figures of its sector's row.
 */

export const STOCKQL_QUERY =
  '{ stocks(first: 100) { nodes { symbol name quote { price changePercent marketCap } sectorStats { sector stockCount averageChangePercent } } } }';

// `stocks`, not `allStocks`, and `sectorBySector` for the foreign key on `stocks.sector`: the names
// PgSimplifyInflectorPlugin gives them.
export const POSTGRAPHILE_QUERY =
  '{ stocks(first: 100, orderBy: [MARKET_CAP_DESC, SYMBOL_DESC]) { nodes { symbol name price changePercent marketCap sectorBySector { name stockCount averageChangePercent } } } }';

export const body = (query: string) => JSON.stringify({ query });

/** One listed row, whichever server answered it. */
export interface ListedStock {
  symbol: string;
  name: string;
  price: number;
  changePercent: number;
  marketCap: number;
  sector: { name: string; stockCount: number; averageChangePercent: number } | null;
}

interface StockqlNode {
  symbol: string;
  name: string;
  quote: { price: number; changePercent: number; marketCap: number } | null;
  sectorStats: { sector: string; stockCount: number; averageChangePercent: number } | null;
}

interface PostGraphileNode {
  symbol: string;
  name: string;
  price: number;
  changePercent: number;
  marketCap: number;
  sectorBySector: { name: string; stockCount: number; averageChangePercent: number } | null;
}

function nodesOf<T>(server: string, text: string): T[] {
  const parsed = JSON.parse(text) as { data?: { stocks?: { nodes?: T[] } }; errors?: unknown };
  const nodes = parsed.data?.stocks?.nodes;
  if (parsed.errors || !nodes) throw new Error(`peer: ${server} did not answer the list query: ${text.slice(0, 300)}`);
  return nodes;
}

export function stockqlRows(text: string): ListedStock[] {
  return nodesOf<StockqlNode>('stockql', text).map((n) => ({
    symbol: n.symbol,
    name: n.name,
    price: n.quote?.price ?? NaN,
    changePercent: n.quote?.changePercent ?? NaN,
    marketCap: n.quote?.marketCap ?? NaN,
    sector: n.sectorStats && { name: n.sectorStats.sector, stockCount: n.sectorStats.stockCount, averageChangePercent: n.sectorStats.averageChangePercent },
  }));
}

export function postgraphileRows(text: string): ListedStock[] {
  return nodesOf<PostGraphileNode>('PostGraphile', text).map((n) => ({
    symbol: n.symbol,
    name: n.name,
    price: n.price,
    changePercent: n.changePercent,
    marketCap: n.marketCap,
    sector: n.sectorBySector,
  }));
}

/** Throws, naming the first difference, unless both lists hold the same rows in the same order. */
export function assertSameRows(expected: ListedStock[], actual: ListedStock[], what: string): void {
  if (expected.length !== 100 || actual.length !== expected.length) {
    throw new Error(`peer: ${what}: expected 100 rows on both sides, got ${expected.length} and ${actual.length}`);
  }
  expected.forEach((row, i) => {
    // Exact equality: both serve the same doubles, and JSON writes a double the same way on both sides.
    const a = JSON.stringify(row);
    const b = JSON.stringify(actual[i]);
    if (a !== b) throw new Error(`peer: ${what} differ at row ${i + 1}:\n  ${a}\n  ${b}`);
  });
}
