/**
 * Search: validates the request, asks the in-memory engine (src/modules/search/engine) through the
 * cached search loader, and returns hits with their stocks read through the request's stock loader (one
 * statement for all cold hits), so a hit never shows a price older than the last commit, even between an
 * ingest and the index swap.
 */
import { performance } from 'node:perf_hooks';
import type { StockRow } from '../../db/schema.js';
import { badUserInput } from '../../graphql/errors.js';
import type { StockLoader } from '../stocks/loaders.js';
import { validateStockFilter, type StockFilterInput } from '../stocks/stock-filter.js';
import { requirePageSize } from '../stocks/stocks.service.js';
import type { Highlight } from './engine/index.js';
import type { SearchLoader } from './loaders.js';

export const MAX_QUERY_LENGTH = 200;
export const MAX_SEARCH_RESULTS = 100;

export interface SearchHitModel {
  stock: StockRow;
  score: number;
  highlights: Highlight[];
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

export interface SearchLoaders {
  search: SearchLoader;
  stock: StockLoader;
}

export function createSearchService() {
  return {
    /** @param highlights whether the hits' highlights are shown (else they are not built, and stay empty) */
    async search(loaders: SearchLoaders, args: SearchArgs, highlights = true): Promise<SearchResultsModel> {
      const started = performance.now();
      if (args.query.length > MAX_QUERY_LENGTH) {
        throw badUserInput('query', `"query" is ${args.query.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed: shorten it.`);
      }
      const first = requirePageSize(args.first, 10, MAX_SEARCH_RESULTS);
      const filter = validateStockFilter(args.filter);
      if (filter.kind === 'empty') return { hits: [], total: 0, tookMs: performance.now() - started, facets: [] };

      const answer = await loaders.search.load({ query: args.query, first, criteria: filter.criteria, highlights });
      const stocks = await loaders.stock.loadMany(answer.hits.map((hit) => hit.symbol));
      const hits: SearchHitModel[] = [];
      answer.hits.forEach((hit, i) => {
        const stock = stocks[i];
        // A stock removed since the index was built is skipped (the next index will not have it).
        if (stock && !(stock instanceof Error)) hits.push({ stock, score: hit.score, highlights: hit.highlights });
      });
      return { hits, total: answer.total, facets: answer.facets, tookMs: performance.now() - started };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
