/**
 * Per-request search loader, reading through the cache's search namespace: the engine's answer (symbols,
 * scores, highlights, total, facets) is kept per (query, first, filter) and depends on the listings (the
 * index is rebuilt when they change, and a search waits for that build) and, when the filter has quote
 * criteria, on the quotes of the stocks it could match (the holder patches those into its rows as they
 * commit). The stocks of the hits
 * are not part of it: they are read through the stock loader, so prices are as fresh as stock reads.
 */
import type DataLoader from 'dataloader';
import { createCachedLoader, stableKey, type NamespaceCache, type RequestCaching } from '../../cache/index.js';
import { matchesCriteria } from '../stocks/criteria-predicate.js';
import { hasQuoteCriteria, rowsTags } from '../stocks/stock-tags.js';
import type { StockCriteria } from '../stocks/stocks.store.js';
import { search as searchEngine, type Highlight } from './engine/index.js';
import { dataTags } from '../../db/data-versions.js';
import type { IndexSnapshot, SearchIndexHolder } from './search-index-holder.js';

export interface SearchQuery {
  query: string;
  first: number;
  criteria: StockCriteria;
  /** Whether the hits need their highlights (a separate cache entry from the answer without them). */
  highlights: boolean;
}

export interface SearchAnswer {
  hits: { symbol: string; score: number; highlights: Highlight[] }[];
  total: number;
  facets: { sector: string; count: number }[];
}

export type SearchLoader = DataLoader<SearchQuery, SearchAnswer, string>;

export function createSearchLoader(holder: SearchIndexHolder, searchCache: NamespaceCache, caching: RequestCaching): SearchLoader {
  return createCachedLoader<SearchQuery, SearchAnswer>({
    namespace: searchCache,
    kind: 'search',
    caching,
    keyOf: stableKey,
    tagsOf: ({ criteria }) => (hasQuoteCriteria(criteria) ? [dataTags.listings, ...rowsTags(criteria)] : [dataTags.listings]),
    batch: async (queries) => {
      const snapshot = await holder.upToDate();
      return queries.map((query) => answer(snapshot, query));
    },
  });
}

function answer(snapshot: IndexSnapshot | null, { query, first, criteria, highlights }: SearchQuery): SearchAnswer {
  if (!snapshot) return { hits: [], total: 0, facets: [] };
  const { rows } = snapshot;
  const filtered = Object.values(criteria).some((value) => value != null);
  const outcome = searchEngine(snapshot.index, query, {
    limit: first,
    highlights,
    filter: filtered ? (documentId) => matchesCriteria(rows[documentId]!, criteria) : undefined,
  });
  return {
    hits: outcome.hits.map((hit) => ({ symbol: rows[hit.documentId]!.symbol, score: hit.score, highlights: hit.highlights })),
    total: outcome.total,
    facets: outcome.facets,
  };
}
