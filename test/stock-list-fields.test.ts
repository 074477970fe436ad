/**
 * Stock lists read only the columns their selection shows (src/modules/stocks/stock-fields.ts). Whatever a
 * client selects, the answer must equal the one whole rows give; these compare the two over HTTP, a whole
 * row being forced by selecting every stock field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOf, startServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const WHOLE = 'symbol name exchange sector industry currency quote { price change changePercent open high low previousClose volume marketCap updatedAt }';

/** `nodes` of a list, as `selection` shows them, next to the same list of whole rows cut down to the same shape. */
async function compare(args: string, selection: string, pick: (whole: any) => unknown) {
  const part = dataOf(await server.query(`{ stocks(${args}) { ${selection} } }`)).stocks;
  const whole = dataOf(await server.query(`{ stocks(${args}) { totalCount pageInfo { hasNextPage endCursor startCursor hasPreviousPage } edges { cursor node { ${WHOLE} } } } }`)).stocks;
  expect(part).toEqual(pick(whole));
  return part;
}

describe('stock lists that show a few fields', () => {
  it('answer a price list with the values whole rows have', async () => {
    const part = await compare('first: 100', 'nodes { symbol name quote { price changePercent marketCap } }', (w) => ({
      nodes: w.edges.map(({ node: n }: any) => ({ symbol: n.symbol, name: n.name, quote: { price: n.quote.price, changePercent: n.quote.changePercent, marketCap: n.quote.marketCap } })),
    }));
    expect(part.nodes).toHaveLength(100);
  });

  it('give the same cursors and page info in every order, and the next page follows on', async () => {
    for (const order of ['SYMBOL_ASC', 'NAME_ASC', 'PRICE_DESC', 'CHANGE_PERCENT_ASC', 'VOLUME_DESC', 'MARKET_CAP_DESC']) {
      const part = await compare(`first: 7, orderBy: ${order}`, 'pageInfo { hasNextPage endCursor } edges { cursor node { symbol } }', (w) => ({
        pageInfo: { hasNextPage: w.pageInfo.hasNextPage, endCursor: w.pageInfo.endCursor },
        edges: w.edges.map((e: any) => ({ cursor: e.cursor, node: { symbol: e.node.symbol } })),
      }));
      await compare(`first: 7, orderBy: ${order}, after: ${JSON.stringify(part.pageInfo.endCursor)}`, 'nodes { symbol quote { updatedAt } }', (w) => ({
        nodes: w.edges.map(({ node: n }: any) => ({ symbol: n.symbol, quote: { updatedAt: n.quote.updatedAt } })),
      }));
    }
  });

  it('read what fragments, aliases and sector stats ask for', async () => {
    const { stocks } = dataOf(await server.query(`
      { stocks(first: 20, filter: { sector: "Energy" }) { nodes { ticker: symbol ...Listing ... on Stock { quote { ...Prices } } sectorStats { sector } } } }
      fragment Listing on Stock { exchange industry }
      fragment Prices on Quote { open high low volume previousClose }`));
    const whole = dataOf(await server.query(`{ stocks(first: 20, filter: { sector: "Energy" }) { nodes { ${WHOLE} } } }`)).stocks;
    expect(stocks.nodes).toEqual(
      whole.nodes.map((n: any) => ({
        ticker: n.symbol, exchange: n.exchange, industry: n.industry,
        quote: { open: n.quote.open, high: n.quote.high, low: n.quote.low, volume: n.quote.volume, previousClose: n.quote.previousClose },
        sectorStats: { sector: n.sector },
      })),
    );
    expect(stocks.nodes.length).toBeGreaterThan(5);
  });

  it('never hand a row read in part to a later stock lookup of the same request', async () => {
    // The list holds Energy's top gainer; its sector stats then look that stock up by symbol, after the page.
    const top = dataOf(await server.query(`{ sector(name: "Energy") { topGainer { ${WHOLE} } } }`)).sector.topGainer;
    const { stocks } = dataOf(await server.query(`{ stocks(first: 5, filter: { symbols: ["${top.symbol}"] }) { nodes { symbol sectorStats { topGainer { ${WHOLE} } } } } }`));
    expect(stocks.nodes).toEqual([{ symbol: top.symbol, sectorStats: { topGainer: top } }]);
  });

  it('list a sector\'s stocks in part as its whole rows would', async () => {
    const part = dataOf(await server.query(`{ sector(name: "Utilities") { stocks(first: 5) { nodes { symbol quote { price } } } } }`)).sector.stocks.nodes;
    const whole = dataOf(await server.query(`{ sector(name: "Utilities") { stocks(first: 5) { nodes { ${WHOLE} } } } }`)).sector.stocks.nodes;
    expect(part).toEqual(whole.map((n: any) => ({ symbol: n.symbol, quote: { price: n.quote.price } })));
  });
});
