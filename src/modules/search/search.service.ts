/**
 * Search: validates the request, asks the in-memory engine (src/modules/search/engine), and returns hits
 * with their stocks read fresh through the request's stock loader (one statement for all hits), so a
 * hit never shows a price older than the database even between an ingest and the index swap.
 */
import { performance } from 'node:perf_hooks';
import type { StockRow } from '../../db/schema.js';
import { badUserInput } from '../../graphql/errors.js';
import { matchesCriteria } from '../stocks/criteria-predicate.js';
import type { StockLoader } from '../stocks/loaders.js';
import { validateStockFilter, type StockFilterInput } from '../stocks/stock-filter.js';
import { requirePageSize } from '../stocks/stocks.service.js';
import { search as searchEngine, type Highlight } from './engine/index.js';
import type { SearchIndexHolder } from './search-index-holder.js';

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

export function createSearchService(holder: SearchIndexHolder) {
  return {
    async search(loader: StockLoader, args: SearchArgs): Promise<SearchResultsModel> {
      const started = performance.now();
      if (args.query.length > MAX_QUERY_LENGTH) {
        throw badUserInput('query', `"query" is ${args.query.length} characters long; at most ${MAX_QUERY_LENGTH} are allowed: shorten it.`);
      }
      const first = requirePageSize(args.first, 10, MAX_SEARCH_RESULTS);
      const filter = validateStockFilter(args.filter);
      const snapshot = holder.current();
      if (filter.kind === 'empty' || !snapshot) return { hits: [], total: 0, tookMs: performance.now() - started, facets: [] };

      const { criteria } = filter;
      const { rows } = snapshot;
      const filtered = Object.keys(criteria).some((k) => criteria[k as keyof typeof criteria] != null);
      const outcome = searchEngine(snapshot.index, args.query, {
        limit: first,
        filter: filtered ? (documentId) => matchesCriteria(rows[documentId]!, criteria) : undefined,
      });
      const stocks = await loader.loadMany(outcome.hits.map((hit) => rows[hit.documentId]!.symbol));
      const hits: SearchHitModel[] = [];
      outcome.hits.forEach((hit, i) => {
        const stock = stocks[i];
        // A stock removed since the index was built is skipped (the next index will not have it).
        if (stock && !(stock instanceof Error)) hits.push({ stock, score: hit.score, highlights: hit.highlights });
      });
      return { hits, total: outcome.total, facets: outcome.facets, tookMs: performance.now() - started };
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
