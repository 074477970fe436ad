/**
 * Search: validates the query, ranks candidates, applies the filter, and counts sector facets over all
 * matches. Works for any input string: LIKE wildcards are escaped and nothing is interpreted.
 */
import { performance } from 'node:perf_hooks';
import type { StockRow } from '../../db/schema.js';
import { badUserInput } from '../../graphql/errors.js';
import { matchesCriteria } from '../stocks/criteria-predicate.js';
import { primeStocks, type StockLoader } from '../stocks/loaders.js';
import { validateStockFilter, type StockFilterInput } from '../stocks/stock-filter.js';
import { requirePageSize } from '../stocks/stocks.service.js';
import type { SearchStore } from './search.store.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_RESULTS = 100;
/** Matches considered for total and facets. */
const CANDIDATE_LIMIT = 5000;

export interface SearchHitModel {
  stock: StockRow;
  score: number;
  highlights: { field: string; ranges: [number, number][] }[];
}

export interface SearchResultsModel {
  hits: SearchHitModel[];
  total: number;
  tookMs: number;
  facets: { sector: string; count: number }[];
}

export interface SearchArgs {
  query: string;
  first?: number | null;
  filter?: StockFilterInput | null;
}

/** Every case-insensitive occurrence of `needle` in `text`, as [start, end) ranges. */
function occurrences(text: string, needle: string): [number, number][] {
  const ranges: [number, number][] = [];
  if (!needle) return ranges;
  const haystack = text.toLowerCase();
  const lowered = needle.toLowerCase();
  for (let at = haystack.indexOf(lowered); at !== -1; at = haystack.indexOf(lowered, at + lowered.length)) {
    ranges.push([at, at + lowered.length]);
  }
  return ranges;
}

export function createSearchService(store: SearchStore) {
  return {
    async search(loader: StockLoader, args: SearchArgs): Promise<SearchResultsModel> {
      const started = performance.now();
      if (args.query.length > MAX_QUERY_LENGTH) {
        throw badUserInput('query', `"query" is ${args.query.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed.`);
      }
      const first = requirePageSize(args.first, 10, MAX_SEARCH_RESULTS);
      const filter = validateStockFilter(args.filter);
      const query = args.query.trim().replace(/\s+/g, ' ');
      if (query === '' || filter.kind === 'empty') return { hits: [], total: 0, tookMs: performance.now() - started, facets: [] };

      const candidates = (await store.findCandidates(query, CANDIDATE_LIMIT)).filter((c) => matchesCriteria(c.row, filter.criteria));
      const facetCounts = new Map<string, number>();
      for (const { row } of candidates) if (row.sector) facetCounts.set(row.sector, (facetCounts.get(row.sector) ?? 0) + 1);
      const hits = candidates.slice(0, first).map(({ row, rank }) => ({
        stock: row,
        score: 5 - rank,
        highlights: [
          { field: 'symbol', ranges: occurrences(row.symbol, query.toUpperCase().replaceAll('-', '.')) },
          { field: 'name', ranges: occurrences(row.name, query) },
        ].filter((h) => h.ranges.length > 0),
      }));
      primeStocks(loader, hits.map((h) => h.stock));
      return {
        hits,
        total: candidates.length,
        tookMs: performance.now() - started,
        facets: [...facetCounts].map(([sector, count]) => ({ sector, count })).sort((a, b) => b.count - a.count || a.sector.localeCompare(b.sector)),
      };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
