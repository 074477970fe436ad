/**
 * The API scenarios `npm run bench` drives: what frontends ask most. Each is a list of request bodies a
 * connection sends in turn (one body for most; the search scenario cycles through 100 real queries).
 */
import { readQueries } from '../test/search/evaluate.js';

export interface Scenario {
  name: string;
  description: string;
  bodies: string[];
}

const body = (query: string, variables?: Record<string, unknown>, operationName?: string) => JSON.stringify({ query, variables, operationName });

export function apiScenarios(): Scenario[] {
  const searchQueries = readQueries().slice(0, 100);
  return [
    {
      name: 'stock',
      description: 'one stock with its quote',
      bodies: [body('query Stock($s: ID!) { stock(symbol: $s) { symbol name exchange sector quote { price change changePercent volume marketCap updatedAt } } }', { s: 'AAPL' })],
    },
    {
      name: 'stocks100',
      description: '`stocks(first: 100)` with quote and sector stats',
      bodies: [body('{ stocks(first: 100) { totalCount nodes { symbol name quote { price changePercent marketCap } sectorStats { sector stockCount averageChangePercent } } } }')],
    },
    {
      name: 'chartYear',
      description: '`chart(range: ONE_YEAR)` of one stock (daily bars)',
      bodies: [body('{ stock(symbol: "MSFT") { chart(range: ONE_YEAR) { interval open close changePercent points { time open high low close volume } } } }')],
    },
    {
      name: 'chartsAll',
      description: '`charts` of all eight ranges for one stock',
      bodies: [body('{ stock(symbol: "NVDA") { charts(ranges: [ONE_DAY, FIVE_DAYS, ONE_MONTH, SIX_MONTHS, YEAR_TO_DATE, ONE_YEAR, FIVE_YEARS, MAX]) { range interval close points { time close } } } }')],
    },
    {
      name: 'search',
      description: '`search` over a mix of 100 real queries',
      bodies: searchQueries.map((q) => body('query Search($q: String!) { search(query: $q, first: 10) { total hits { score stock { symbol name quote { price } } } } }', { q: q.query })),
    },
    {
      name: 'sectors',
      description: '`sectors` with top gainer and loser',
      bodies: [body('{ sectors { sector stockCount totalMarketCap averageChangePercent advancers decliners unchanged topGainer { symbol } topLoser { symbol } } }')],
    },
    {
      name: 'movers',
      description: '`movers` gainers, losers and most active',
      bodies: [body('{ gainers: movers(type: GAINERS, first: 10) { symbol quote { changePercent } } losers: movers(type: LOSERS, first: 10) { symbol quote { changePercent } } active: movers(type: MOST_ACTIVE, first: 10) { symbol quote { volume } } }')],
    },
  ];
}
